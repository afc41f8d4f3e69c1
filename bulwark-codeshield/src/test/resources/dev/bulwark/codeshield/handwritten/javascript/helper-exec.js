// expect: insecure CWE-78
const express = require('express');
const { exec } = require('child_process');

const app = express();

function sh(command) {
  return new Promise((resolve, reject) => {
    exec(command, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

app.get('/thumbnail', async (req, res) => {
  const file = req.query.file;
  await sh(`convert uploads/${file} -resize 128x128 thumbs/${file}`);
  res.sendFile(`thumbs/${file}`, { root: __dirname });
});

app.listen(3000);
