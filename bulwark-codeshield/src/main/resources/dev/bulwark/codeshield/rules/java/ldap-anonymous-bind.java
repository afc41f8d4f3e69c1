class Ldap {
    void env(java.util.Hashtable<String, String> env) {
        // ruleid: java.ldap-anonymous-bind
        env.put(Context.SECURITY_AUTHENTICATION, "none");
        // ok: java.ldap-anonymous-bind
        env.put(Context.SECURITY_AUTHENTICATION, "simple");
    }
}
