#include <string.h>

// ruleid: c.hardcoded-credential
static const char *db_password = "Tr0ub4dor&3";
// ruleid: c.hardcoded-credential
const char* secret = "TestSecret";
void login(struct conn *c) {
    // ruleid: c.hardcoded-credential
    c->api_key = "d41d8cd98f00b204e9800998ecf8427e";
    // ok: c.hardcoded-credential
    const char *password = getenv("DB_PASSWORD");
    // ok: c.hardcoded-credential
    const char *password_prompt_label = "Password:";
    // ok: c.hardcoded-credential
    char *pw = "";
    // ok: c.hardcoded-credential
    if (strcmp(password, "") == 0) return;
}
