// expect: secure
import io.ktor.server.application.*
import io.ktor.server.response.*
import io.ktor.server.routing.*
import java.sql.Connection
import java.sql.ResultSet

class OrderRepository(private val conn: Connection) {
    fun byCustomer(customer: String): ResultSet {
        val ps = conn.prepareStatement("SELECT * FROM orders WHERE customer = ?")
        ps.setString(1, customer)
        return ps.executeQuery()
    }
}

fun Route.orders(repo: OrderRepository) {
    get("/orders") {
        val customer = call.request.queryParameters["customer"] ?: ""
        val rs = repo.byCustomer(customer)
        call.respondText(rs.toString())
    }
}
