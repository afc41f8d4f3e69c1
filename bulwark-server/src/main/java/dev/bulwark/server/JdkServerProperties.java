package dev.bulwark.server;

/**
 * The JDK HTTP server reads its settings from system properties, once per JVM, when the first server starts. On
 * Java 17 it must run with {@code sun.net.httpserver.nodelay=true}: without it, small answers wait about 40 ms for
 * delayed ACKs (726 req/s instead of tens of thousands). This sets it unless the user did, before the first server
 * is created; the launcher passes it too, so it holds even when another JDK server started first.
 *
 * <p>The read timeout is not left to the JDK's {@code maxReqTime} for the same once-per-JVM reason: the server's
 * request executor enforces it per server ({@link dev.bulwark.server.http.RequestExecutor}).
 */
final class JdkServerProperties {
  static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private JdkServerProperties() {}

  static synchronized void apply() {
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }
}
