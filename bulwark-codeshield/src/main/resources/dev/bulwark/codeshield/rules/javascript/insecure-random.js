function id() {
    // ruleid: javascript.insecure-random
    var token = Math.random().toString(36).slice(2);
    // ok: javascript.insecure-random
    var good = crypto.randomBytes(16).toString('hex');
    // ok: javascript.insecure-random
    var uuid = crypto.randomUUID();
    return token + good + uuid;
}
