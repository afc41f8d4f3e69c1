import org.owasp.encoder.Encode;

public class Greeting extends HttpServlet {
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String name = req.getParameter("name");
    PrintWriter out = resp.getWriter();
    // ruleid: java.tainted-html
    out.println("<h1>Hello " + name + "</h1>");
    // ok: java.tainted-html
    out.println("<h1>Hello " + Encode.forHtml(name) + "</h1>");
    // ok: java.tainted-html
    out.println("<p>Welcome</p>");
    // ruleid: java.tainted-html
    resp.getWriter().write("<div>" + req.getHeader("Referer") + "</div>");
  }
}
