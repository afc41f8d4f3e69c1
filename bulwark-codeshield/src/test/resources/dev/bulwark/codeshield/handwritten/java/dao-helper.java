// expect: insecure CWE-89
import java.io.IOException;
import java.sql.*;
import javax.servlet.http.*;

public class AccountServlet extends HttpServlet {
  private Connection connection;

  private ResultSet run(String sql) throws SQLException {
    Statement st = connection.createStatement();
    return st.executeQuery(sql);
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String owner = req.getParameter("owner");
    try (ResultSet rs = run("SELECT iban, balance FROM accounts WHERE owner = '" + owner + "'")) {
      while (rs.next()) {
        resp.getWriter().println(rs.getString("iban"));
      }
    } catch (SQLException e) {
      resp.sendError(500);
    }
  }
}
