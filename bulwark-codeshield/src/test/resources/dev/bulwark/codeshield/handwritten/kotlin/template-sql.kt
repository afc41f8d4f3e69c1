// expect: insecure CWE-89
import java.sql.Connection

class UserDao(private val conn: Connection) {
    fun byName(name: String): List<String> {
        val rs = conn.createStatement().executeQuery("SELECT id FROM users WHERE name = '$name'")
        val ids = mutableListOf<String>()
        while (rs.next()) ids += rs.getString(1)
        return ids
    }
}
