const fs = require('fs');
const path = require('path');
const ROOT = path.resolve(__dirname, 'public');

app.get('/file', (req, res) => {
  const file = path.join(ROOT, req.query.name);
  // ruleid: javascript.tainted-path
  fs.readFile(file, 'utf8', (err, data) => res.send(data));
});

app.get('/file2', (req, res) => {
  const full = path.resolve(ROOT, req.query.name);
  if (!full.startsWith(ROOT + path.sep)) {
    return res.status(403).end();
  }
  // ok: javascript.tainted-path
  fs.createReadStream(full).pipe(res);
});

app.get('/avatar', (req, res) => {
  // ok: javascript.tainted-path
  res.sendFile(path.join(ROOT, path.basename(req.params.user) + '.png'));
  // ruleid: javascript.tainted-path
  res.download(ROOT + '/' + req.params.user);
});

function readConfig(file) {
  // ok: javascript.tainted-path
  return fs.readFileSync(file, 'utf8');
}
