import io.ktor.http.*
import io.ktor.server.application.*
import io.ktor.server.response.*
import io.ktor.server.routing.*
import org.owasp.encoder.Encode

fun Route.greeting() {
    get("/hello") {
        val name = call.request.queryParameters["name"]
        // ruleid: kotlin.tainted-html
        call.respondText("<h1>Hello, $name</h1>", ContentType.Text.Html)
        // ok: kotlin.tainted-html
        call.respondText("<h1>Hello, ${Encode.forHtml(name)}</h1>", ContentType.Text.Html)
        // ok: kotlin.tainted-html
        call.respondText("Hello, $name", ContentType.Text.Plain)
    }
}

class SearchServlet : HttpServlet() {
    override fun doGet(req: HttpServletRequest, resp: HttpServletResponse) {
        val q = req.getParameter("q")
        resp.contentType = "text/html"
        // ruleid: kotlin.tainted-html
        resp.writer.println("<p>Results for " + q + "</p>")
        val page = req.getParameter("page")?.toIntOrNull() ?: 1
        // ok: kotlin.tainted-html
        resp.writer.println("<p>Page $page</p>")
    }
}
