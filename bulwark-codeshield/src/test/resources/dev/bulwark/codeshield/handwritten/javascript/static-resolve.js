// expect: secure
const path = require('path');
const fs = require('fs');
const PUBLIC = path.resolve(__dirname, 'public');

module.exports = function serveStatic(req, res) {
  const file = path.resolve(PUBLIC, '.' + req.path);
  if (!file.startsWith(PUBLIC + path.sep)) {
    res.statusCode = 403;
    return res.end();
  }
  fs.createReadStream(file).pipe(res);
};
