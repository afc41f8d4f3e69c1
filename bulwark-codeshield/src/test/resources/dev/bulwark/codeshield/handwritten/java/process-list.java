// expect: secure
import java.util.List;

public class Thumbnailer {
  public int thumbnail(String source, String target) throws Exception {
    List<String> command = List.of("convert", source, "-resize", "128x128", target);
    Process process = new ProcessBuilder(command).inheritIO().start();
    return process.waitFor();
  }
}
