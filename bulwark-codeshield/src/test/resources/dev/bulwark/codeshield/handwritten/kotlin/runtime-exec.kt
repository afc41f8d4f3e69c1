// expect: insecure CWE-78
import io.ktor.server.application.*
import io.ktor.server.response.*

suspend fun ApplicationCall.lookup() {
    val domain = request.queryParameters["domain"] ?: return
    val proc = Runtime.getRuntime().exec(arrayOf("sh", "-c", "nslookup $domain"))
    respondText(proc.inputStream.bufferedReader().readText())
}
