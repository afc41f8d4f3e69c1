package dev.bulwark.server.http;

import java.io.IOException;

/**
 * One endpoint: method, path, whether it needs an API key, and what it does.
 *
 * @param name the label metrics use (the path)
 * @param authenticated true when API keys, if configured, are required
 * @param work true for endpoints that do guardrail work: they are refused while the server drains and count as
 *     in-flight work
 */
public record Route(String method, String path, boolean authenticated, boolean work, Handler handler) {

  /** Answers one call, or throws {@link ApiException} for an error answer. */
  @FunctionalInterface
  public interface Handler {
    void handle(Call call) throws IOException;
  }

  public String name() {
    return path;
  }
}
