// expect: insecure CWE-377
#include <stdio.h>
#include <unistd.h>

FILE *open_scratch(void) {
    char path[64];
    snprintf(path, sizeof(path), "/tmp/scratch-%d.dat", getpid());
    return fopen(path, "w");
}
