import java.io.IOException;
import java.util.List;
import java.util.Set;
import javax.servlet.http.*;

public class ToolsServlet extends HttpServlet {
  private static final Set<String> TOOLS = Set.of("uptime", "df");

  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String host = request.getParameter("host");
    // ruleid: java.tainted-command
    Runtime.getRuntime().exec("ping -c 1 " + host);
    // ruleid: java.tainted-command
    new ProcessBuilder("sh", "-c", "nslookup " + host).start();
    // ok: java.tainted-command
    new ProcessBuilder(List.of("ping", "-c", "1", host)).start();
    // ok: java.tainted-command
    Runtime.getRuntime().exec(new String[] {"ping", "-c", "1", "localhost"});
    String tool = request.getParameter("tool");
    if (!TOOLS.contains(tool)) {
      return;
    }
    // ok: java.tainted-command
    Runtime.getRuntime().exec(tool);
  }

  private void shell(String script) throws IOException {
    // ok: java.tainted-command
    new ProcessBuilder("bash", "-c", script).start();
  }

  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String name = request.getParameter("name");
    // ruleid: java.tainted-command
    shell("tar czf /backups/" + name + ".tgz /srv/data");
    // ok: java.tainted-command
    shell("tar czf /backups/nightly.tgz /srv/data");
  }
}
