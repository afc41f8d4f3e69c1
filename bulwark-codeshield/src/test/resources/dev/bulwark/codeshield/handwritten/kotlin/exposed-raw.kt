// expect: insecure CWE-89
fun findByCity(city: String): List<String> = transaction {
    val result = mutableListOf<String>()
    exec("SELECT name FROM customers WHERE city = '$city'") { rs ->
        while (rs.next()) result += rs.getString("name")
    }
    result
}
