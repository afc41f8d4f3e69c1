// expect: insecure CWE-120
#include <stdio.h>
#include <string.h>

void greet(const char *name) {
    char line[64] = "Hello, ";
    strcat(line, name);
    puts(line);
}
