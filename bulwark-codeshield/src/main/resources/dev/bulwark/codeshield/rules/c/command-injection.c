#include <stdlib.h>
#include <stdio.h>

void run(const char *user) {
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ls %s", user);
    // ruleid: c.command-injection
    system(cmd);
    // ruleid: c.command-injection
    FILE *p = popen(user, "r");
    // ok: c.command-injection
    system("clear");
    // ok: c.command-injection
    system(CLEAR_COMMAND);
    // ok: c.command-injection
    int r = filesystem(cmd);
    pclose(p);
}
