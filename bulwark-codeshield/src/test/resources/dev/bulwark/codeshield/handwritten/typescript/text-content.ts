// expect: secure
export function showName(el: HTMLElement) {
  const name = new URLSearchParams(location.search).get('name') ?? '';
  el.textContent = `Hello, ${name}`;
}
