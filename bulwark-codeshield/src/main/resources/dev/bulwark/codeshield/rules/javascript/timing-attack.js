function check(req, user) {
    // ruleid: javascript.timing-attack
    if (req.headers.token === user.apiToken) {}
    // ruleid: javascript.timing-attack
    if (computed == expectedSignature) {}
    // ok: javascript.timing-attack
    if (crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b))) {}
    // ok: javascript.timing-attack
    if (token === null) {}
    // ok: javascript.timing-attack
    if (count === limit) {}
}
