// expect: insecure CWE-79
export function Preview() {
  const markup = new URLSearchParams(window.location.search).get('body') ?? '';
  return <section dangerouslySetInnerHTML={{ __html: markup }} />;
}
