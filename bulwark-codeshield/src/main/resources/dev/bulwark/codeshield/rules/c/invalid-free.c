#include <stdlib.h>

void cleanup(int n) {
    char name[32];
    int value;
    char *heap = malloc(n);
    // ruleid: c.invalid-free
    free(name);
    // ruleid: c.invalid-free
    free(&value);
    // ok: c.invalid-free
    free(heap);
}
