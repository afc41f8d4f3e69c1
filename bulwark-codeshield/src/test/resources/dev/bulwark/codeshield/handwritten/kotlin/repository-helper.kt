// expect: insecure CWE-89
import io.ktor.server.application.*
import io.ktor.server.response.*
import io.ktor.server.routing.*
import java.sql.Connection
import java.sql.ResultSet

class OrderRepository(private val conn: Connection) {
    fun rows(sql: String): ResultSet = conn.createStatement().executeQuery(sql)

    fun byCustomer(customer: String): ResultSet {
        return rows("SELECT * FROM orders WHERE customer = '$customer'")
    }
}

fun Route.orders(repo: OrderRepository) {
    get("/orders") {
        val customer = call.request.queryParameters["customer"] ?: ""
        val rs = repo.byCustomer(customer)
        call.respondText(rs.toString())
    }
}
