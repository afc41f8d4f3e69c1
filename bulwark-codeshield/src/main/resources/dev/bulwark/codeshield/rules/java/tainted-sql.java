import java.sql.*;
import javax.servlet.http.*;

public class OrderDao {
  private static final java.util.Set<String> SORTABLE = java.util.Set.of("id", "created");

  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
    String customer = request.getParameter("customer");
    String sql = "SELECT * FROM orders WHERE customer = '" + customer + "'";
    Statement st = connection.createStatement();
    // ruleid: java.tainted-sql
    ResultSet rs = st.executeQuery(sql);
    PreparedStatement ps = connection.prepareStatement("SELECT * FROM orders WHERE customer = ?");
    ps.setString(1, customer);
    // ok: java.tainted-sql
    ResultSet safe = ps.executeQuery();
  }

  public List<Order> sorted(Connection c, String column, int limit) throws SQLException {
    if (!SORTABLE.contains(column)) {
      throw new IllegalArgumentException(column);
    }
    // ok: java.tainted-sql
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM orders ORDER BY " + column + " LIMIT ?")) {
      ps.setInt(1, limit);
      return read(ps.executeQuery());
    }
  }

  public int delete(Connection c, String id) throws SQLException {
    String q = String.format("DELETE FROM orders WHERE id = %s", id);
    // ruleid: java.tainted-sql
    return c.createStatement().executeUpdate(q);
  }

  // A helper of the same class that hands its parameter to the database, and one that returns request data.
  private ResultSet queryAll(Connection c, String statement) throws SQLException {
    // ok: java.tainted-sql
    return c.createStatement().executeQuery(statement);
  }

  private String requestedRegion(HttpServletRequest request) {
    return request.getParameter("region");
  }

  public void byRegion(Connection c, HttpServletRequest request) throws SQLException {
    String region = request.getParameter("region");
    // ruleid: java.tainted-sql
    queryAll(c, "SELECT * FROM stores WHERE region = '" + region + "'");
    // ok: java.tainted-sql
    queryAll(c, "SELECT * FROM stores");
    String other = requestedRegion(request);
    // ruleid: java.tainted-sql
    c.createStatement().executeQuery("SELECT * FROM stores WHERE region = '" + other + "'");
  }
}
