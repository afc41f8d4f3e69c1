function mk(n) {
    // ruleid: javascript.unsafe-alloc
    const a = Buffer.allocUnsafe(n);
    // ok: javascript.unsafe-alloc
    const b = Buffer.alloc(n);
    return [a, b];
}
