using System.Data.SqlClient;

public class ProductsController : Controller
{
    private static readonly HashSet<string> Sortable = new() { "Name", "Price" };

    public IActionResult Search([FromQuery] string term)
    {
        var sql = "SELECT * FROM Products WHERE Name LIKE '%" + term + "%'";
        // ruleid: csharp.tainted-sql
        using var cmd = new SqlCommand(sql, connection);
        // ok: csharp.tainted-sql
        using var safe = new SqlCommand("SELECT * FROM Products WHERE Name LIKE @term", connection);
        safe.Parameters.AddWithValue("@term", "%" + term + "%");
        return View(cmd.ExecuteReader());
    }

    public IActionResult Sorted(string column)
    {
        if (!Sortable.Contains(column))
        {
            return BadRequest();
        }
        // ok: csharp.tainted-sql
        var rows = connection.Query<Product>($"SELECT * FROM Products ORDER BY {column}");
        return View(rows);
    }

    public int Delete(string id)
    {
        // ruleid: csharp.tainted-sql
        return connection.Execute($"DELETE FROM Products WHERE Id = {id}");
    }
}
