class Repo {
    void Find(SqlConnection c, string name) {
        string query = "SELECT * FROM users WHERE name = '" + name + "'";
        // ruleid: csharp.sql-injection
        using (var cmd = new SqlCommand(query, c)) { cmd.ExecuteReader(); }
        // ruleid: csharp.sql-injection
        db.Database.ExecuteSqlRaw($"DELETE FROM t WHERE name = '{name}'");
        // ok: csharp.sql-injection
        using (var ok = new SqlCommand("SELECT * FROM users", c)) { ok.ExecuteReader(); }
    }
}
class Db {
    void Del(int id) {
        // ruleid: csharp.sql-injection
        _dbcon.ExecuteNonQuery(string.Format("delete from logs where ID={0}", id));
    }
}
