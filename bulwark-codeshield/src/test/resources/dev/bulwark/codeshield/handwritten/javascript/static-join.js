// expect: insecure CWE-22
const path = require('path');
const fs = require('fs');
const PUBLIC = path.join(__dirname, 'public');

module.exports = function serveStatic(req, res) {
  const file = path.join(PUBLIC, req.query.file);
  fs.readFile(file, (err, data) => {
    if (err) return res.status(404).end();
    res.end(data);
  });
};
