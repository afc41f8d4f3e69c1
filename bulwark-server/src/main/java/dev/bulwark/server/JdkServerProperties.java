package dev.bulwark.server;

import java.util.function.Consumer;

/**
 * The JDK HTTP server reads its timeouts from system properties, once per JVM, when the first server starts. This
 * sets them (unless the user already did) before the first server is created.
 *
 * <ul>
 *   <li>{@code sun.net.httpserver.maxReqTime}: seconds a client may take to send its whole request; then its
 *       connection is closed. This is what stops slow-loris clients from holding request threads.
 *   <li>{@code sun.net.httpserver.nodelay}: without it, small answers on JDK 17 wait about 40 ms for delayed ACKs.
 * </ul>
 */
final class JdkServerProperties {
  static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
  static final String NO_DELAY = "sun.net.httpserver.nodelay";

  private JdkServerProperties() {}

  static synchronized void apply(ServerSettings settings, Consumer<String> log) {
    String wanted = Long.toString(settings.readTimeout().toSeconds());
    String current = System.getProperty(MAX_REQUEST_TIME);
    if (current == null) {
      System.setProperty(MAX_REQUEST_TIME, wanted);
    } else if (!current.equals(wanted)) {
      log.accept("note: the read timeout is " + current + " s (-D" + MAX_REQUEST_TIME + " is set and wins over "
          + wanted + " s; the JDK server reads it once per JVM)");
    }
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }
}
