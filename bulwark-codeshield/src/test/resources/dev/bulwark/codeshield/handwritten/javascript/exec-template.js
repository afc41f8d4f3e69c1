// expect: insecure CWE-78
const { exec } = require('child_process');

function ping(req, res) {
  exec(`ping -c 2 ${req.query.host}`, (err, stdout) => res.type('text').send(stdout));
}
