#include <string.h>
#include <stdio.h>

void greet(const char *name, const unsigned char *data, size_t len) {
    // ruleid: c.stack-buffer-overflow
    char greeting[32];
    strcpy(greeting, "Hello, ");
    strcat(greeting, name);
    // ruleid: c.stack-buffer-overflow
    unsigned char block[64];
    memcpy(block, data, len);
    // ok: c.stack-buffer-overflow
    char safe[64];
    snprintf(safe, sizeof safe, "%s", name);
    // ok: c.stack-buffer-overflow
    unsigned char copy[16];
    memcpy(copy, data, sizeof(copy));
    // ok: c.stack-buffer-overflow
    char unused[8];
    puts(greeting);
}

void guarded(const char *src, int n) {
    // ok: c.stack-buffer-overflow
    char buf[100]; if (n < 100) { memcpy(buf, src, n); }
    // ok: c.stack-buffer-overflow
    unsigned char mac[ETH_ALEN];
    memcpy(mac, src, ETH_ALEN);
}
