// expect: secure
#include <stdio.h>
#include <string.h>

void greet(const char *name) {
    char line[64];
    snprintf(line, sizeof line, "Hello, %s!", name);
    puts(line);
}
