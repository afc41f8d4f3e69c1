const child_process = require('child_process');
const { exec } = require('child_process');

function build(dir, cb) {
    // ruleid: javascript.command-injection
    child_process.exec('tar czf out.tgz ' + dir, cb);
    // ruleid: javascript.command-injection
    exec(`ls ${dir}`, cb);
    // ruleid: javascript.command-injection
    child_process.spawn('sh', ['-c', dir], { shell: true });
    // ok: javascript.command-injection
    child_process.execFile('tar', ['czf', 'out.tgz', dir], cb);
    // ok: javascript.command-injection
    exec('git status', cb);
    // ok: javascript.command-injection
    const m = /(\d+)/.exec(dir);
    // ok: javascript.command-injection
    db.exec(dir);
}
function pick(prog) {
    // ruleid: javascript.command-injection
    cp.spawnSync(prog, ['/etc']);
    // ok: javascript.command-injection
    cp.spawnSync('ls', [prog]);
}
