#include <openssl/evp.h>
#include <openssl/md5.h>

void digest(const unsigned char *d, size_t n, unsigned char *out) {
    MD5_CTX ctx;
    // ruleid: c.weak-hash
    MD5_Init(&ctx);
    // ruleid: c.weak-hash
    const EVP_MD *md = EVP_sha1();
    // ruleid: c.weak-hash
    MD5(d, n, out);
    // ok: c.weak-hash
    const EVP_MD *good = EVP_sha256();
    // ok: c.weak-hash
    SHA256(d, n, out);
}
