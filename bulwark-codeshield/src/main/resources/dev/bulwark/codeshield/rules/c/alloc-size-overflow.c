#include <stdlib.h>

int *table(size_t rows, size_t cols, int *old) {
    // ruleid: c.alloc-size-overflow
    int *t = malloc(rows * cols * sizeof(int));
    // ruleid: c.alloc-size-overflow
    old = realloc(old, sizeof(int) * rows);
    // ruleid: c.alloc-size-overflow
    char **p = calloc(1, rows * sizeof(char *));
    // ok: c.alloc-size-overflow
    int *fixed = malloc(16 * sizeof(int));
    // ok: c.alloc-size-overflow
    int *byone = malloc(rows + 1);
    // ok: c.alloc-size-overflow
    int *arr = calloc(rows, sizeof(int));
    // ok: c.alloc-size-overflow
    char *buf = malloc(MAX_ROWS * MAX_COLS);
    return t;
}

void more(struct ctx *s, int n) {
    // ruleid: c.alloc-size-overflow
    s->items = av_malloc(s->count * sizeof(*s->items));
    // ruleid: c.alloc-size-overflow
    void *m = pool.dev_malloc(sizeof(int) * n);
    // ok: c.alloc-size-overflow
    int total = n * 2;
}
