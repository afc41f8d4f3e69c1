void keys(RSA *rsa, BIGNUM *e) {
    // ruleid: c.weak-rsa-key
    RSA_generate_key_ex(rsa, 1024, e, NULL);
    // ruleid: c.weak-rsa-key
    EVP_PKEY *k = EVP_RSA_gen(512);
    // ok: c.weak-rsa-key
    RSA_generate_key_ex(rsa, 3072, e, NULL);
}
