// expect: secure
fun convert(input: String, output: String): Int {
    val process = ProcessBuilder(listOf("pandoc", input, "-o", output)).redirectErrorStream(true).start()
    return process.waitFor()
}
