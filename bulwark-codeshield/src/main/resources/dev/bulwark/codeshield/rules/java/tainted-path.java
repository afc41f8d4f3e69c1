import java.io.*;
import java.nio.file.*;

public class Downloads extends HttpServlet {
  private static final Path ROOT = Paths.get("/srv/files").toAbsolutePath().normalize();

  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String name = req.getParameter("name");
    File f = new File("/srv/files/" + name);
    // ruleid: java.tainted-path
    InputStream in = new FileInputStream(f);
    Path p = ROOT.resolve(name).normalize();
    if (!p.startsWith(ROOT)) {
      resp.sendError(403);
      return;
    }
    // ok: java.tainted-path
    byte[] data = Files.readAllBytes(p);
    String base = Paths.get(req.getParameter("doc")).getFileName().toString();
    // ok: java.tainted-path
    Files.copy(ROOT.resolve(base), resp.getOutputStream());
    // ruleid: java.tainted-path
    Files.delete(Paths.get(ROOT.toString(), req.getParameter("old")));
  }

  byte[] read(String file) throws IOException {
    // ok: java.tainted-path
    return Files.readAllBytes(Paths.get(file));
  }
}
