const crypto = require('crypto');

function id() {
    // ruleid: javascript.insecure-random
    var token = Math.random().toString(36).slice(2);
    // ok: javascript.insecure-random
    var good = crypto.randomBytes(16).toString('hex');
    // ok: javascript.insecure-random
    var uuid = crypto.randomUUID();
    return token + good + uuid;
}

function newSessionToken() { return crypto.randomBytes(32).toString('hex'); }

function retryDelay(attempt) {
    // ok: javascript.insecure-random
    return 2 ** attempt * 100 + Math.floor(Math.random() * 100);
}

function avatarColour(colours) {
    // ok: javascript.insecure-random
    return colours[Math.floor(Math.random() * colours.length)];
}
