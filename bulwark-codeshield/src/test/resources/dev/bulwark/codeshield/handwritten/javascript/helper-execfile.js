// expect: secure
const express = require('express');
const path = require('path');
const { execFile } = require('child_process');

const app = express();

function convert(args) {
  return new Promise((resolve, reject) => {
    execFile('convert', args, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

app.get('/thumbnail', async (req, res) => {
  const file = path.basename(String(req.query.file));
  await convert([path.join('uploads', file), '-resize', '128x128', path.join('thumbs', file)]);
  res.sendFile(path.join('thumbs', file), { root: __dirname });
});

app.listen(3000);
