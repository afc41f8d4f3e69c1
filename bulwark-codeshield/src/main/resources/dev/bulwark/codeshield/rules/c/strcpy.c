#include <string.h>

void copy(char *dst, const char *src, size_t n) {
    char name[16];
    // ruleid: c.strcpy
    strcpy(name, src);
    // ruleid: c.strcpy
    strcat(dst, src);
    // ruleid: c.strcpy
    (void) wcscpy((wchar_t *) dst, (const wchar_t *) src);
    // ok: c.strcpy
    strncpy(name, src, sizeof(name) - 1);
    // ok: c.strcpy
    strcpy_s(name, sizeof(name), src);
    // ok: c.strcpy
    strlcat(dst, src, n);
    /* strcpy(name, src) in a comment */
    // ok: c.strcpy
    my_strcpy(dst, src);
}
