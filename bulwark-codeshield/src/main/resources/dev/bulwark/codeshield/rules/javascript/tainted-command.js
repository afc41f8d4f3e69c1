const { exec, execFile } = require('child_process');
const cp = require('child_process');

const TOOLS = new Set(['uptime', 'df']);

app.get('/ping', (req, res) => {
  const host = req.query.host;
  // ruleid: javascript.tainted-command
  exec('ping -c 1 ' + host, (err, out) => res.send(out));
  // ruleid: javascript.tainted-command
  cp.execSync(`nslookup ${host}`);
  // ok: javascript.tainted-command
  execFile('ping', ['-c', '1', host], (err, out) => res.send(out));
  // ok: javascript.tainted-command
  exec('uptime', (err, out) => res.send(out));
});

app.get('/tool', (req, res) => {
  const tool = req.query.tool;
  if (!TOOLS.has(tool)) {
    return res.status(400).end();
  }
  // ok: javascript.tainted-command
  exec(tool, (err, out) => res.send(out));
});

function run(script) {
  // ok: javascript.tainted-command
  return cp.execSync(script);
}

app.post('/archive', (req, res) => {
  const name = req.body.name;
  // ruleid: javascript.tainted-command
  run('tar czf /backups/' + name + '.tgz /srv/data');
  // ok: javascript.tainted-command
  run('tar czf /backups/nightly.tgz /srv/data');
  const pattern = /^[a-z]+$/;
  // ok: javascript.tainted-command
  pattern.exec(name);
});
