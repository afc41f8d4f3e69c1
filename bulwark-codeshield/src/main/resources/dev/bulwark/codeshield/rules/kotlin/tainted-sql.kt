import java.sql.Connection

fun findUser(conn: Connection, name: String): ResultSet {
    val sql = "SELECT * FROM users WHERE name = '$name'"
    // ruleid: kotlin.tainted-sql
    return conn.createStatement().executeQuery(sql)
}

fun findUserSafely(conn: Connection, name: String): ResultSet {
    val ps = conn.prepareStatement("SELECT * FROM users WHERE name = ?")
    ps.setString(1, name)
    // ok: kotlin.tainted-sql
    return ps.executeQuery()
}

fun Route.orders() {
    get("/orders") {
        val status = call.parameters["status"]
        // ruleid: kotlin.tainted-sql
        val rows = db.createStatement().executeQuery("SELECT * FROM orders WHERE status = '${status}'")
        val page = call.parameters["page"]?.toIntOrNull() ?: 0
        // ok: kotlin.tainted-sql
        val more = db.createStatement().executeQuery("SELECT * FROM orders LIMIT 20 OFFSET " + page * 20)
    }
}

fun findByCity(city: String): List<String> = transaction {
    // ruleid: kotlin.tainted-sql
    exec("SELECT name FROM customers WHERE city = '$city'") { rs -> rs.next() }
    // ok: kotlin.tainted-sql
    exec("SELECT name FROM customers WHERE city = ?", listOf(VarCharColumnType() to city)) { rs -> rs.next() }
}

// A helper in the same file that hands its parameter to the database, and one that returns request data.
fun queryAll(conn: Connection, statement: String): ResultSet {
    // ok: kotlin.tainted-sql
    return conn.createStatement().executeQuery(statement)
}

fun requestedCity(request: HttpServletRequest): String {
    return request.getParameter("city")
}

fun byCity(conn: Connection, request: HttpServletRequest) {
    val city = request.getParameter("city")
    // ruleid: kotlin.tainted-sql
    queryAll(conn, "SELECT * FROM shops WHERE city = '$city'")
    // ok: kotlin.tainted-sql
    queryAll(conn, "SELECT * FROM shops")
    val other = requestedCity(request)
    // ruleid: kotlin.tainted-sql
    conn.createStatement().executeQuery("SELECT * FROM shops WHERE city = '" + other + "'")
}

// An expression-bodied helper, called through its object.
class ShopRepository(private val conn: Connection) {
    fun rows(sql: String): ResultSet = conn.createStatement().executeQuery(sql)
}

fun shopsIn(repo: ShopRepository, request: HttpServletRequest) {
    val city = request.getParameter("city")
    // ruleid: kotlin.tainted-sql
    repo.rows("SELECT * FROM shops WHERE city = '$city'")
    // ok: kotlin.tainted-sql
    repo.rows("SELECT * FROM shops")
}
