fn c() {
    // ruleid: rust.weak-cipher
    let t = Cipher::des_ede3_cbc();
    // ruleid: rust.weak-cipher
    let e = Cipher::aes_128_ecb();
    // ok: rust.weak-cipher
    let g = Cipher::aes_256_gcm();
}
