// expect: insecure CWE-295
const https = require('https');

function fetchStatus(host) {
  const agent = new https.Agent({ rejectUnauthorized: false });
  return fetch(`https://${host}/status`, { agent });
}
