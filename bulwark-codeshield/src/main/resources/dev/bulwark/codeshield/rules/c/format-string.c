#include <stdio.h>

void log_it(const char *msg, FILE *f) {
    // ruleid: c.format-string
    printf(msg);
    // ruleid: c.format-string
    fprintf(f, msg);
    // ok: c.format-string
    printf("%s", msg);
    // ok: c.format-string
    fprintf(stderr, "done\n");
    // ok: c.format-string
    printf(MESSAGE);
}
