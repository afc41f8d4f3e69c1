fn read(p: *const u8) -> u8 {
    // ruleid: rust.unsafe-block
    let v = unsafe { *p };
    // ok: rust.unsafe-block
    let s = "unsafe { }";
    // ok: rust.unsafe-block
    let unsafe_count = 3;
    v
}
