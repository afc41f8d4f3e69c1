package dev.bulwark.llm;

import dev.bulwark.llm.sharing.SharedInstances;
import dev.bulwark.core.ConfigException;
import dev.bulwark.core.ConfigNode;
import dev.bulwark.core.Durations;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.core.ScannerSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The {@code backends:} section of the firewall configuration: named LLM backends that scanners refer to with
 * {@code backend: NAME}.
 *
 * <pre>{@code
 * backends:
 *   guard:                          # an OpenAI-compatible endpoint
 *     type: openai
 *     base-url: http://127.0.0.1:8000/v1
 *     model: meta-llama/Llama-Guard-3-8B
 *     api-key-env: GUARD_API_KEY    # optional: the environment variable holding the key
 *     raw-prompts: false            # true: the server has /v1/completions (exact Llama Guard prompts)
 *     images: false                 # true: a vision model; image parts are sent
 *     inline-images: false          # true: fetch http(s) images here and send them as data: URLs
 *     max-retries: 2                # on 429, 5xx and refused connections, with backoff (Retry-After honoured)
 *     connect-timeout: 5s
 *   local:                          # a GGUF model in process (llama.cpp)
 *     type: gguf
 *     model: models/llama-guard-3-1b-q4_0.gguf   # relative to the configuration file
 *     threads: 2
 *     context: 4096
 * }</pre>
 *
 * Every key is validated with the file and line of the mistake. In-process models are shared: scanners that name the
 * same file (and thread and context settings) use one loaded model, released when the last of them closes.
 */
public final class LlmBackends {
  private static final Set<String> OPENAI_KEYS = Set.of("type", "base-url", "model", "api-key-env", "raw-prompts",
      "images", "inline-images", "max-retries", "retry-backoff", "connect-timeout");
  private static final Set<String> GGUF_KEYS = Set.of("type", "model", "threads", "context");
  private static final SharedInstances<String, GgufBackend> SHARED = new SharedInstances<>(GgufBackend::close);

  private LlmBackends() {}

  /** A validated backend definition. */
  public sealed interface Spec permits OpenAi, Gguf {
    String name();

    ConfigNode.Location location();
  }

  /** @param apiKeyEnv the environment variable holding the API key, or null */
  public record OpenAi(String name, OpenAiBackend.Settings settings, String apiKeyEnv, ConfigNode.Location location)
      implements Spec {}

  public record Gguf(String name, Path model, int threads, int contextSize, ConfigNode.Location location) implements Spec {}

  /** Validates the whole section (also the backends no scanner uses). */
  public static Map<String, Spec> parse(FirewallConfig config) {
    return parse(config.backends(), config.baseDirectory());
  }

  public static Map<String, Spec> parse(ConfigNode.Mapping section, Path baseDirectory) {
    Map<String, Spec> out = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> e : section.entries().entrySet()) {
      out.put(e.getKey(), spec(e.getKey(), e.getValue(), section.keyLocation(e.getKey()), baseDirectory));
    }
    return out;
  }

  private static Spec spec(String name, ConfigNode node, ConfigNode.Location keyLocation, Path base) {
    String prefix = "backends." + name;
    if (!(node instanceof ConfigNode.Mapping m)) {
      throw new ConfigException(node.location(), prefix + ": expected a mapping with 'type: openai' or 'type: gguf', found "
          + node.kind());
    }
    String type = string(m, "type", prefix, null);
    if (type == null) {
      throw new ConfigException(m.location(), prefix + ": missing 'type' (openai or gguf)");
    }
    Set<String> allowed = switch (type) {
      case "openai" -> OPENAI_KEYS;
      case "gguf" -> GGUF_KEYS;
      default -> throw new ConfigException(m.get("type").location(), prefix + ".type: unknown backend type '" + type
          + "'; expected openai or gguf");
    };
    for (String key : m.entries().keySet()) {
      if (!allowed.contains(key)) {
        throw new ConfigException(m.keyLocation(key), prefix + ": unknown key '" + key + "' for a " + type + " backend; known keys: " + String.join(", ", new TreeSet<>(allowed)));
      }
    }
    if (type.equals("gguf")) {
      String model = required(m, "model", prefix);
      Path p = Path.of(model);
      if (!p.isAbsolute() && base != null) {
        p = base.resolve(p);
      }
      int threads = integer(m, "threads", prefix, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), 1, 256);
      int context = integer(m, "context", prefix, 4096, 256, 1 << 20);
      return new Gguf(name, p, threads, context, keyLocation);
    }
    String url = required(m, "base-url", prefix);
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(m.get("base-url").location(), prefix + ".base-url: not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new ConfigException(m.get("base-url").location(), prefix + ".base-url: expected an http(s) URL such as"
          + " http://127.0.0.1:8000/v1, got '" + url + "'");
    }
    String model = required(m, "model", prefix);
    OpenAiBackend.Settings settings = new OpenAiBackend.Settings(name, uri, model, null,
        duration(m, "connect-timeout", prefix, Duration.ofSeconds(5)), integer(m, "max-retries", prefix, 2, 0, 10),
        duration(m, "retry-backoff", prefix, Duration.ofMillis(250)), bool(m, "raw-prompts", prefix, false),
        bool(m, "images", prefix, false), bool(m, "inline-images", prefix, false));
    return new OpenAi(name, settings, string(m, "api-key-env", prefix, null), keyLocation);
  }

  /**
   * Opens a backend. In-process models are loaded once and shared; {@link LlmBackend#close()} on the returned handle
   * releases this user's share.
   *
   * @throws ConfigException when the API key's environment variable is unset or the model cannot be loaded
   */
  public static LlmBackend open(Spec spec) {
    return open(spec, System::getenv);
  }

  static LlmBackend open(Spec spec, Function<String, String> env) {
    if (spec instanceof OpenAi o) {
      OpenAiBackend.Settings s = o.settings();
      if (o.apiKeyEnv() != null) {
        String key = env.apply(o.apiKeyEnv());
        if (key == null || key.isBlank()) {
          throw new ConfigException(o.location(), "backends." + o.name() + ".api-key-env: the environment variable "
              + o.apiKeyEnv() + " is not set; export " + o.apiKeyEnv() + "=<your API key>");
        }
        s = s.withApiKey(key);
      }
      return new OpenAiBackend(s);
    }
    Gguf g = (Gguf) spec;
    String key = g.model().toAbsolutePath().normalize() + "|" + g.threads() + "|" + g.contextSize();
    var lease = SHARED.acquire(key, k -> {
      try {
        return GgufBackend.open(g.name(), g.model(), g.threads(), g.contextSize());
      } catch (LlmException e) {
        throw new ConfigException(g.location(), "backends." + g.name() + ": " + e.getMessage());
      }
    });
    return new SharedHandle(lease, g.name());
  }

  /**
   * The backend a scanner names with its {@code backend} setting, or empty when it names none.
   *
   * @throws ConfigException when the name is not in {@code backends:}
   */
  public static Optional<Spec> resolve(ScannerSettings settings) {
    if (!settings.has("backend")) {
      return Optional.empty();
    }
    String name = settings.getString("backend", null);
    Map<String, Spec> specs = settings.root().map(LlmBackends::parse).orElse(Map.of());
    Spec spec = specs.get(name);
    if (spec == null) {
      throw settings.error("backend", "no backend '" + name + "' in the 'backends:' section"
          + (specs.isEmpty() ? " (the configuration has no backends)" : "; defined: " + String.join(", ", specs.keySet())));
    }
    return Optional.of(spec);
  }

  /**
   * The firewall's deadline for this scanner instance (its own {@code deadline}, else the configuration's), so calls
   * to the backend can end before the firewall abandons them.
   */
  public static Duration scannerDeadline(ScannerSettings settings) {
    return settings.root().map(cfg -> {
      var spec = cfg.scanners().get(settings.instanceName());
      return spec != null && spec.deadline() != null ? spec.deadline() : cfg.deadline();
    }).orElse(FirewallConfig.DEFAULT_DEADLINE);
  }

  /** One user's share of an in-process model. */
  private static final class SharedHandle implements LlmBackend {
    private final SharedInstances<String, GgufBackend>.Lease lease;
    private final String name;

    SharedHandle(SharedInstances<String, GgufBackend>.Lease lease, String name) {
      this.lease = lease;
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String describe() {
      return lease.get().describe();
    }

    @Override
    public LlmResponse complete(LlmRequest request) {
      return lease.get().complete(request);
    }

    @Override
    public boolean acceptsRawPrompts() {
      return true;
    }

    @Override
    public Optional<TokenScoring> tokenScoring() {
      return lease.get().tokenScoring();
    }

    @Override
    public void close() {
      lease.close();
    }
  }

  private static String string(ConfigNode.Mapping m, String key, String prefix, String def) {
    ConfigNode n = m.get(key);
    if (n == null || (n instanceof ConfigNode.Scalar s && s.isNull())) {
      return def;
    }
    if (n instanceof ConfigNode.Scalar s) {
      return s.value();
    }
    throw new ConfigException(n.location(), prefix + "." + key + ": expected a string, found " + n.kind());
  }

  private static String required(ConfigNode.Mapping m, String key, String prefix) {
    String v = string(m, key, prefix, null);
    if (v == null || v.isBlank()) {
      throw new ConfigException(m.location(), prefix + ": missing required key '" + key + "'");
    }
    return v;
  }

  private static int integer(ConfigNode.Mapping m, String key, String prefix, int def, int min, int max) {
    String v = string(m, key, prefix, null);
    if (v == null) {
      return def;
    }
    try {
      int i = Integer.parseInt(v.trim());
      if (i < min || i > max) {
        throw new NumberFormatException();
      }
      return i;
    } catch (NumberFormatException e) {
      throw new ConfigException(m.get(key).location(), prefix + "." + key + ": expected an integer between " + min + " and "
          + max + ", got '" + v + "'");
    }
  }

  private static boolean bool(ConfigNode.Mapping m, String key, String prefix, boolean def) {
    String v = string(m, key, prefix, null);
    if (v == null) {
      return def;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new ConfigException(m.get(key).location(), prefix + "." + key + ": expected true or false, got '" + v + "'");
    };
  }

  private static Duration duration(ConfigNode.Mapping m, String key, String prefix, Duration def) {
    String v = string(m, key, prefix, null);
    if (v == null) {
      return def;
    }
    try {
      return Durations.parse(v);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(m.get(key).location(), prefix + "." + key + ": " + e.getMessage());
    }
  }
}
