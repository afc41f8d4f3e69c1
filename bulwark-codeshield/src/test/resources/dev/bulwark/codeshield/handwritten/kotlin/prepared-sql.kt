// expect: secure
import java.sql.Connection

class UserDao(private val conn: Connection) {
    fun byName(name: String): List<String> {
        val ps = conn.prepareStatement("SELECT id FROM users WHERE name = ?")
        ps.setString(1, name)
        val rs = ps.executeQuery()
        val ids = mutableListOf<String>()
        while (rs.next()) ids += rs.getString(1)
        return ids
    }
}
