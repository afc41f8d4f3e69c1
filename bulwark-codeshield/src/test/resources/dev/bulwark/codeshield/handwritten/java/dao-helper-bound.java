// expect: secure
import java.io.IOException;
import java.sql.*;
import javax.servlet.http.*;

public class AccountServlet extends HttpServlet {
  private Connection connection;

  private ResultSet run(String sql, String value) throws SQLException {
    PreparedStatement st = connection.prepareStatement(sql);
    st.setString(1, value);
    return st.executeQuery();
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String owner = req.getParameter("owner");
    try (ResultSet rs = run("SELECT iban, balance FROM accounts WHERE owner = ?", owner)) {
      while (rs.next()) {
        resp.getWriter().println(Encode.forHtml(rs.getString("iban")));
      }
    } catch (SQLException e) {
      resp.sendError(500);
    }
  }
}
