#include <string.h>

// ruleid: common.hardcoded-credential
static const char *db_password = "Tr0ub4dor&3";
// ruleid: common.hardcoded-credential
const char* secret = "TestSecret";
void login(struct conn *c) {
    // ruleid: common.hardcoded-credential
    c->api_key = "d41d8cd98f00b204e9800998ecf8427e";
    // ok: common.hardcoded-credential
    const char *password = getenv("DB_PASSWORD");
    // ok: common.hardcoded-credential
    const char *password_prompt_label = "Password:";
    // ok: common.hardcoded-credential
    char *pw = "";
    // ok: common.hardcoded-credential
    if (strcmp(password, "") == 0) return;
}
