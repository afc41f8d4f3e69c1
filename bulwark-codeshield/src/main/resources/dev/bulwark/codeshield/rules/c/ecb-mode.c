void setup(EVP_CIPHER_CTX *ctx, const unsigned char *k) {
    // ruleid: c.ecb-mode
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, k, NULL);
    // ruleid: c.ecb-mode
    CCCrypt(kCCEncrypt, kCCAlgorithmAES, kCCOptionECBMode, k, 16, NULL, in, n, out, n, &moved);
    // ok: c.ecb-mode
    EVP_EncryptInit_ex(ctx, EVP_aes_128_gcm(), NULL, k, iv);
}
