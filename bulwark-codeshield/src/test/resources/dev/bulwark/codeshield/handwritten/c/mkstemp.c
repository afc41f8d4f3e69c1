// expect: secure
#include <stdio.h>
#include <stdlib.h>

FILE *open_scratch(void) {
    char path[] = "/tmp/scratch-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return NULL;
    return fdopen(fd, "w");
}
