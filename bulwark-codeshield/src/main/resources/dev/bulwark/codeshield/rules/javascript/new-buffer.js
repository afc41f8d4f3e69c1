function enc(data, n) {
    // ruleid: javascript.new-buffer
    const b = new Buffer(data);
    // ruleid: javascript.new-buffer
    const z = new Buffer(n);
    // ok: javascript.new-buffer
    const c = Buffer.from(data);
    // ok: javascript.new-buffer
    const d = new Buffer('abc');
    return [b, z, c, d];
}
