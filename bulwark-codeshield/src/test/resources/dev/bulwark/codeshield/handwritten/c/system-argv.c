// expect: insecure CWE-78
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    char cmd[512];
    snprintf(cmd, sizeof cmd, "grep -r '%s' /var/log", argv[1]);
    return system(cmd);
}
