function parse(buf, stream) {
    // ruleid: javascript.buffer-noassert
    const a = buf.readUInt32LE(0, true);
    // ruleid: javascript.buffer-noassert
    const k = stream.readInt8(true);
    // ok: javascript.buffer-noassert
    const b = buf.readUInt32LE(0);
    return a + b + k;
}
