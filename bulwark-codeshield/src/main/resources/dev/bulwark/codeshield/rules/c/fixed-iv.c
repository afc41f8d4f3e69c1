#include <openssl/evp.h>
#include <openssl/rand.h>

int seal(EVP_CIPHER_CTX *ctx, const unsigned char *key) {
    // ruleid: c.fixed-iv
    unsigned char iv[16] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
    // ruleid: c.fixed-iv
    static const char *gcm_nonce = "000000000000";
    int counter = 7;
    // ruleid: c.fixed-iv
    const int iv_word = counter;
    return EVP_EncryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv);
}

/*
 * The random variant below fills its IV right after declaring it; the lines in between keep the two functions
 * apart for the rule's eight-line neighbourhood.
 */

int seal_random(EVP_CIPHER_CTX *ctx, const unsigned char *key, const unsigned char *packet) {
    // ok: c.fixed-iv
    unsigned char iv[16] = {0};
    RAND_bytes(iv, sizeof(iv));
    // ok: c.fixed-iv
    unsigned char nonce[12] = {0};
    memcpy(nonce, packet, 12);
    // ok: c.fixed-iv
    int divisor = 16;
    // ok: c.fixed-iv
    size_t iv_len = 16;
    return EVP_EncryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv);
}
