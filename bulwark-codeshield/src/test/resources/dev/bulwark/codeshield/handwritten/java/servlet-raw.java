// expect: insecure CWE-79
public class SearchServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String q = req.getParameter("q");
    resp.setContentType("text/html");
    resp.getWriter().println("<p>No results for " + q + "</p>");
  }
}
