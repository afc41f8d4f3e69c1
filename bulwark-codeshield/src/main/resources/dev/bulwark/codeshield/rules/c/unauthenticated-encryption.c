void setup(EVP_CIPHER_CTX *ctx, const unsigned char *k, const unsigned char *iv) {
    // ruleid: c.unauthenticated-encryption
    EVP_EncryptInit_ex(ctx, EVP_aes_256_cbc(), NULL, k, iv);
    // ruleid: c.unauthenticated-encryption
    const EVP_CIPHER *c = EVP_aes_128_ctr();
    // ok: c.unauthenticated-encryption
    EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, k, iv);
}
