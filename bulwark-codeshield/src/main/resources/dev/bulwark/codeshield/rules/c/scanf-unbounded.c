#include <stdio.h>

void read_name(FILE *f, const char *line) {
    char name[64];
    int age;
    // ruleid: c.scanf-unbounded
    scanf("%s", name);
    // ruleid: c.scanf-unbounded
    fscanf(f, "%d %s", &age, name);
    // ruleid: c.scanf-unbounded
    sscanf(line, "%[^,]", name);
    // ruleid: c.scanf-unbounded
    scanf( "%s", name );
    // ok: c.scanf-unbounded
    scanf("%63s", name);
    // ok: c.scanf-unbounded
    scanf( "%63s", name );
    // ok: c.scanf-unbounded
    scanf("%d", &age);
}
