// expect: insecure CWE-89
using Microsoft.Data.SqlClient;

public class CustomerStore
{
    public int CountByCity(SqlConnection connection, string city)
    {
        using var cmd = new SqlCommand($"SELECT COUNT(*) FROM Customers WHERE City = '{city}'", connection);
        return (int)cmd.ExecuteScalar();
    }
}
