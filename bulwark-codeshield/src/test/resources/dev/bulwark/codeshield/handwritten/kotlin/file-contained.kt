// expect: secure
import java.io.File

private val root = File("/srv/reports").canonicalFile

fun report(name: String): String {
    val file = File(root, name).canonicalFile
    require(file.path.startsWith(root.path + File.separator)) { "outside the report directory" }
    return file.readText()
}
