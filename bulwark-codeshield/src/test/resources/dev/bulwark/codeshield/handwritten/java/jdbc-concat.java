// expect: insecure CWE-89
import java.sql.*;

public class AccountRepository {
  private final Connection connection;

  public AccountRepository(Connection connection) { this.connection = connection; }

  public Account byEmail(String email) throws SQLException {
    Statement stmt = connection.createStatement();
    String sql = "SELECT id, email FROM accounts WHERE email = '" + email + "'";
    try (ResultSet rs = stmt.executeQuery(sql)) {
      return rs.next() ? new Account(rs.getLong(1), rs.getString(2)) : null;
    }
  }
}
