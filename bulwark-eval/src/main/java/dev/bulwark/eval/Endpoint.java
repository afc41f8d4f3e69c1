package dev.bulwark.eval;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An OpenAI-compatible chat endpoint a benchmark queries: a model under test or the judge.
 *
 * <p>Syntax of {@code ENDPOINT} on the command line: {@code URL[;key=value]...}, with the keys
 *
 * <ul>
 *   <li>{@code model=ID}: the model id sent in requests (default: the endpoint's name);
 *   <li>{@code api-key-env=VAR}: the environment variable holding the API key, sent as a bearer token;
 *   <li>{@code concurrency=N}: the most requests in flight to this URL at once (default: {@code --concurrency}).
 * </ul>
 *
 * Example: {@code --model 'llama70b=https://api.together.xyz/v1;model=meta-llama/Llama-3.3-70B-Instruct-Turbo;api-key-env=TOGETHER_API_KEY;concurrency=8'}
 * (quote it: {@code ;} ends a shell command). Endpoints with the same URL share one concurrency bound.
 *
 * @param name what the results call it (the {@code model} field of the response file and the stats key)
 * @param baseUrl the base URL, up to {@code /v1}
 * @param model the model id sent in requests
 * @param apiKeyEnv the environment variable with the API key, or null
 * @param concurrency the bound on requests in flight, or 0 for the run's default
 */
public record Endpoint(String name, URI baseUrl, String model, String apiKeyEnv, int concurrency) {
  private static final Set<String> KEYS = Set.of("model", "api-key-env", "concurrency");

  public Endpoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
  }

  /**
   * Parses {@code NAME=ENDPOINT}.
   *
   * @throws IllegalArgumentException with a message that says what is wrong and what is expected
   */
  public static Endpoint parseNamed(String text) {
    int eq = text.indexOf('=');
    int scheme = text.indexOf("://");
    if (eq <= 0 || (scheme >= 0 && eq > scheme)) {
      throw new IllegalArgumentException("expected NAME=URL[;model=ID][;api-key-env=VAR][;concurrency=N], got '" + text
          + "'");
    }
    String name = text.substring(0, eq).trim();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty model name in '" + text + "'");
    }
    return parse(name, text.substring(eq + 1));
  }

  /** Parses {@code URL[;key=value]...} for an endpoint called {@code name}. */
  public static Endpoint parse(String name, String spec) {
    String[] parts = spec.trim().split(";");
    String url = parts[0].trim();
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException("expected an http(s) base URL such as http://127.0.0.1:8081/v1, got '" + url + "'");
    }
    String model = name;
    String keyEnv = null;
    int concurrency = 0;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String key = eq < 0 ? p : p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : p.substring(eq + 1).trim();
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown endpoint option '" + key + "' in '" + spec + "'; known: "
            + String.join(", ", new TreeSet<>(KEYS)));
      }
      if (value.isEmpty()) {
        throw new IllegalArgumentException("endpoint option '" + key + "' has no value in '" + spec + "'");
      }
      switch (key) {
        case "model" -> model = value;
        case "api-key-env" -> keyEnv = value;
        default -> {
          try {
            concurrency = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            concurrency = -1;
          }
          if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("concurrency must be an integer from 1 to 256, got '" + value + "'");
          }
        }
      }
    }
    return new Endpoint(name, uri, model, keyEnv, concurrency);
  }

  /** The URL requests go to, without a trailing slash: endpoints that share it share a concurrency bound. */
  public String limitKey() {
    String s = baseUrl.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** For messages: name, URL and model, never the key. */
  public String describe() {
    return name + " (" + limitKey() + ", model " + model + ")";
  }
}
