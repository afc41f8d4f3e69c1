const crypto = require('crypto');
function h(pw) {
    // ruleid: javascript.weak-hash
    return crypto.createHash('md5').update(pw).digest('hex');
}
// ok: javascript.weak-hash
const good = crypto.createHash('sha256');
