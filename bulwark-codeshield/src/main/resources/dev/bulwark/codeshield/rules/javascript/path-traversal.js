const fs = require('fs');

function read(req, res, name) {
    // ruleid: javascript.path-traversal
    const data = fs.readFileSync(name);
    // ruleid: javascript.path-traversal
    if (fs.existsSync(name + '.js')) {}
    // ruleid: javascript.path-traversal
    res.sendFile(req.params.file);
    // ok: javascript.path-traversal
    const cfg = fs.readFileSync('config.json', 'utf8');
    // ok: javascript.path-traversal
    const text = readFileSync(name);
    return data + cfg + text;
}
function st(viewFile, cb) {
    // ruleid: javascript.path-traversal
    fs.stat(viewFile, cb);
}
