class Dao {
    void find(java.sql.Connection c, String name) throws Exception {
        java.sql.Statement st = c.createStatement();
        // ruleid: java.sql-injection
        st.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
        // ruleid: java.sql-injection
        st.execute(String.format("DELETE FROM t WHERE id = %s", name));
        // ok: java.sql-injection
        java.sql.PreparedStatement ps = c.prepareStatement("SELECT * FROM users WHERE name = ?");
        // ok: java.sql-injection
        st.executeQuery("SELECT * FROM users " + "ORDER BY name");
    }
}
