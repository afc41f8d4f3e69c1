// expect: secure
#include <string.h>

void set_name(char *dst, size_t dst_len, const char *src) {
    if (dst_len == 0) return;
    strncpy(dst, src, dst_len - 1);
    dst[dst_len - 1] = '\0';
}
