// expect: insecure CWE-78
public class Thumbnailer {
  public int thumbnail(String source, String target) throws Exception {
    Process process = new ProcessBuilder("sh", "-c", "convert " + source + " -resize 128x128 " + target).start();
    return process.waitFor();
  }
}
