import io.ktor.server.application.*
import io.ktor.server.routing.*

val tools = setOf("uptime", "df")

fun Route.diagnostics() {
    get("/ping") {
        val host = call.parameters["host"]
        // ruleid: kotlin.tainted-command
        Runtime.getRuntime().exec("ping -c 1 $host")
        // ruleid: kotlin.tainted-command
        ProcessBuilder("sh", "-c", "nslookup " + host).start()
        // ok: kotlin.tainted-command
        ProcessBuilder(listOf("ping", "-c", "1", host)).start()
        val tool = call.parameters["tool"]
        if (tools.contains(tool)) {
            // ok: kotlin.tainted-command
            Runtime.getRuntime().exec(tool)
        }
    }
}

fun shell(script: String): Process {
    // ok: kotlin.tainted-command
    return ProcessBuilder("bash", "-c", script).start()
}

fun archive(args: Array<String>) {
    val name = args[0]
    // ruleid: kotlin.tainted-command
    shell("tar czf /backups/$name.tgz /srv/data")
    // ok: kotlin.tainted-command
    shell("tar czf /backups/nightly.tgz /srv/data")
}
