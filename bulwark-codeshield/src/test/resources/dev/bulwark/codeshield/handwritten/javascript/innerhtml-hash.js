// expect: insecure CWE-79
window.addEventListener('hashchange', () => {
  const section = decodeURIComponent(location.hash.substring(1));
  document.querySelector('#title').innerHTML = '<b>' + section + '</b>';
});
