#include <stdio.h>

int main(void) {
    char line[80];
    // ruleid: c.gets
    gets(line);
    // ok: c.gets
    fgets(line, sizeof line, stdin);
    // ok: c.gets
    int n = widgets(line);
    return n;
}
