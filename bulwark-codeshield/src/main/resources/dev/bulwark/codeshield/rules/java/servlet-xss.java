class Hello extends javax.servlet.http.HttpServlet {
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
        java.io.PrintWriter writer = resp.getWriter();
        // ruleid: java.servlet-xss
        writer.write("Hello " + req.getParameter("name"));
        // ruleid: java.servlet-xss
        resp.getWriter().println(req.getParameter("q"));
        // ok: java.servlet-xss
        writer.write("<p>static</p>");
        // ok: java.servlet-xss
        writer.write(Encode.forHtml(req.getParameter("name")));
    }
}
