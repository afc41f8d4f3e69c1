#include <stdio.h>

void build(char *buf, size_t size, const char *a) {
    int off;
    // ruleid: c.snprintf-result-index
    off = snprintf(buf, size, "%s:", a);
    snprintf(buf + off, size - off, "%d", 1);
    int n;
    // ok: c.snprintf-result-index
    n = snprintf(buf, size, "%s", a);
    if (n < 0 || (size_t) n >= size)
        return;
    buf[n] = 0;
    // ok: c.snprintf-result-index
    int len = snprintf(NULL, 0, "%s", a);
}
