#include <openssl/evp.h>

void init(EVP_CIPHER_CTX *ctx, const unsigned char *k, const unsigned char *iv) {
    // ruleid: c.broken-cipher
    EVP_EncryptInit_ex(ctx, EVP_des_ede3_cbc(), NULL, k, iv);
    // ruleid: c.broken-cipher
    DES_ecb_encrypt(&in, &out, &ks, DES_ENCRYPT);
    // ruleid: c.broken-cipher
    BF_encrypt(data, &key);
    // ok: c.broken-cipher
    EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, k, iv);
    // ok: c.broken-cipher
    int DES_KEY_LEN = 8;
}
