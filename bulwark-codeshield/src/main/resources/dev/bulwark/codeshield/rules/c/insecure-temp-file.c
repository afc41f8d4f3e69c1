#include <stdio.h>

void scratch(void) {
    // ruleid: c.insecure-temp-file
    char *name = tmpnam(NULL);
    // ruleid: c.insecure-temp-file
    mktemp(templ);
    // ok: c.insecure-temp-file
    int fd = mkstemp(templ);
    // ok: c.insecure-temp-file
    FILE *f = tmpfile();
    char path[64];
    // ruleid: c.insecure-temp-file
    snprintf(path, sizeof(path), "/tmp/scratch-%d.dat", getpid());
    // ok: c.insecure-temp-file
    snprintf(path, sizeof(path), "%s/scratch.dat", getenv("XDG_RUNTIME_DIR"));
}
