package dev.bulwark.server;

import java.io.IOException;
import java.util.Objects;

/**
 * An endpoint served by {@link HttpFront}: the server's hardened transport, API keys, quotas, audit log and metrics in
 * front of {@code handler}.
 *
 * @param method {@code GET}, {@code POST}, ...
 * @param path the exact path, e.g. {@code /v1/chat/completions}
 * @param authenticated whether API keys (when configured) and their quotas apply
 */
public record HttpEndpoint(String method, String path, boolean authenticated, Handler handler) {
  public HttpEndpoint {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(handler, "handler");
  }

  /** Answers one exchange (on a request thread; it may block). */
  @FunctionalInterface
  public interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }
}
