// expect: secure
const { execFile } = require('child_process');

function thumbnail(req, res) {
  execFile('convert', [req.file.path, '-resize', '200x200', '/tmp/thumbs/out.png'], (err) => {
    res.sendStatus(err ? 500 : 204);
  });
}
