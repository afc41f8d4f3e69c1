// expect: secure
#include <stdlib.h>
#include <string.h>

struct record { char name[32]; int score; };

struct record *copy_records(const struct record *src, size_t count) {
    struct record *dst = calloc(count, sizeof(struct record));
    if (!dst) return NULL;
    memcpy(dst, src, count * sizeof *dst);
    return dst;
}
