#include <stdio.h>

void label(char *out, const char *name, int id) {
    char buf[32];
    // ruleid: c.sprintf
    sprintf(buf, "%s-%d", name, id);
    // ruleid: c.sprintf
    sprintf(out, "ID_%d", id);
    // ok: c.sprintf
    snprintf(buf, sizeof(buf), "%s-%d", name, id);
    // ok: c.sprintf
    printf("sprintf(buf) is unsafe\n");
    // ok: c.sprintf
    vsnprintf(out, 16, name, NULL);
}
