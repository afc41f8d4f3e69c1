// expect: insecure CWE-190
#include <stdlib.h>
#include <string.h>

struct record { char name[32]; int score; };

struct record *copy_records(const struct record *src, size_t count) {
    struct record *dst = malloc(count * sizeof(struct record));
    if (!dst) return NULL;
    memcpy(dst, src, count * sizeof(struct record));
    return dst;
}
