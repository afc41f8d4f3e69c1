// expect: secure
import java.sql.*;

public class AccountRepository {
  private final Connection connection;

  public AccountRepository(Connection connection) { this.connection = connection; }

  public Account byEmail(String email) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT id, email FROM accounts WHERE email = ?")) {
      ps.setString(1, email);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Account(rs.getLong(1), rs.getString(2)) : null;
      }
    }
  }
}
