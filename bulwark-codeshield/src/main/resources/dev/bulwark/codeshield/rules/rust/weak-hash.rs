fn h(data: &[u8]) {
    // ruleid: rust.weak-hash
    let mut m = Md5::new();
    // ruleid: rust.weak-hash
    let d = md5::compute(data);
    // ruleid: rust.weak-hash
    let o = hash(MessageDigest::sha1(), data);
    // ok: rust.weak-hash
    let s = Sha256::new();
}
