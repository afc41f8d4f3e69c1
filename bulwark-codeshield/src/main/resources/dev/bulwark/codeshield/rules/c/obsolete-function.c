void who(int uid) {
    char buf[64];
    // ruleid: c.obsolete-function
    getpw(uid, buf);
    // ok: c.obsolete-function
    getpwuid_r(uid, &pw, buf, sizeof buf, &res);
}
