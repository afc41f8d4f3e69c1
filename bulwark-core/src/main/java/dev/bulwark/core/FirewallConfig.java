package dev.bulwark.core;

import dev.bulwark.core.config.YamlConfigReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The firewall's configuration: which scanners guard which role, their settings, failure modes and deadlines.
 *
 * <pre>{@code
 * preset: agent                 # start from a preset (default: "default")
 * deadline: 5s                  # per-scanner deadline unless a scanner sets its own
 * short-circuit: false          # true: run cheapest first, stop at the first block
 * max-content-chars: 5000000    # longer messages are refused with a clear error
 * allow-missing-scanners: false # true: skip (with a warning) scanners whose module is not on the class path
 * streaming:                    # answers checked as they stream in (Firewall.stream)
 *   max-hold-chars: 512         # the most text held back from the reader
 *   hold: sentence              # release whole sentences, or every word
 *   max-answer-chars: 5000000   # default: max-content-chars
 *   max-answer-time: 10m
 * scanners:
 *   prompt-guard:
 *     threshold: 0.85
 *     failure-mode: closed
 *     deadline: 500ms
 *   internal-terms:             # a second, renamed instance of a scanner type
 *     type: regex
 *     defaults: false
 *     patterns:
 *       - {name: codename, pattern: "(?i)bluebird", decision: block}
 * roles:                        # replaces the preset's list for the roles named here
 *   user: [prompt-guard, hidden-text, internal-terms]
 *   tool: []
 * }</pre>
 *
 * Parsing checks the shape (keys, types, role names) with file and line in every message; checks that need the
 * scanner registry (unknown scanner names and settings) happen when a {@link Firewall} is built.
 */
public final class FirewallConfig {
  /** Per-scanner deadline when configuration gives none. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
  /** Longest message content scanned; longer ones are refused rather than scanned for minutes. */
  public static final int DEFAULT_MAX_CONTENT_CHARS = 5_000_000;

  private static final Set<String> TOP_LEVEL_KEYS =
      Set.of("preset", "deadline", "short-circuit", "max-content-chars", "allow-missing-scanners", "scanners", "roles",
          "backends", "streaming");
  private static final Set<String> STREAMING_KEYS = Set.of("max-hold-chars", "hold", "max-answer-chars", "max-answer-time");

  /** One configured scanner instance. Null failure mode or deadline means "the default". */
  public record ScannerInstance(
      String name, String type, FailureMode failureMode, Duration deadline, ConfigNode.Mapping params,
      ConfigNode.Location location) {}

  /** A scanner named in a role's list, and where. */
  public record RoleEntry(String scanner, ConfigNode.Location location) {}

  private final String source;
  private final Path baseDirectory;
  private final String preset;
  private final Duration deadline;
  private final boolean shortCircuit;
  private final int maxContentChars;
  private final boolean allowMissingScanners;
  private final Map<String, ScannerInstance> scanners;
  private final Map<Role, List<RoleEntry>> roles;
  private final ConfigNode.Mapping backends;
  private final ConfigNode.Location presetLocation;
  private final StreamOptions streamOptions;

  private FirewallConfig(
      String source, Path baseDirectory, String preset, ConfigNode.Location presetLocation, Duration deadline,
      boolean shortCircuit, int maxContentChars, boolean allowMissingScanners, Map<String, ScannerInstance> scanners,
      Map<Role, List<RoleEntry>> roles, ConfigNode.Mapping backends, StreamOptions streamOptions) {
    this.streamOptions = streamOptions;
    this.source = source;
    this.baseDirectory = baseDirectory;
    this.preset = preset;
    this.presetLocation = presetLocation;
    this.deadline = deadline;
    this.shortCircuit = shortCircuit;
    this.maxContentChars = maxContentChars;
    this.allowMissingScanners = allowMissingScanners;
    this.scanners = Collections.unmodifiableMap(scanners);
    this.roles = Collections.unmodifiableMap(roles);
    this.backends = backends;
  }

  /** No file: the default preset with default settings. */
  public static FirewallConfig defaults() {
    return parse("{}", "defaults");
  }

  /** Reads a configuration file (YAML or JSON, UTF-8). */
  public static FirewallConfig load(Path file) {
    String text;
    try {
      text = utf8(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException("configuration file not found: " + file);
    } catch (CharacterCodingException e) {
      throw new ConfigException(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
    requireContent(text, file.toString());
    Path dir = file.toAbsolutePath().getParent();
    return fromNode(YamlConfigReader.read(text, file.toString()), file.toString(), dir);
  }

  /**
   * Reads the configuration at a location: {@code classpath:bulwark.yaml} (a resource of the context class loader, so
   * a configuration packaged in the application's jar), {@code file:/etc/bulwark.yaml} or {@code file:bulwark.yaml},
   * or a plain path. Relative paths inside a class-path configuration resolve against the working directory.
   *
   * @throws ConfigException when nothing is there, with the location and where it was looked for
   */
  public static FirewallConfig fromLocation(String location) {
    if (location.startsWith(CLASSPATH_PREFIX)) {
      String resource = location.substring(CLASSPATH_PREFIX.length()).replaceFirst("^/+", "");
      ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
          ? Thread.currentThread().getContextClassLoader() : FirewallConfig.class.getClassLoader();
      byte[] bytes;
      try (java.io.InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          throw new ConfigException("configuration not found on the class path: " + location + " (no resource '"
              + resource + "'; in a Maven project it belongs in src/main/resources/" + resource + ")");
        }
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new ConfigException("cannot read configuration " + location + ": " + e.getMessage(), e);
      }
      try {
        String text = utf8(bytes);
        requireContent(text, location);
        return parse(text, location);
      } catch (CharacterCodingException e) {
        throw new ConfigException(location + ": not UTF-8 text");
      }
    }
    if (location.startsWith(FILE_PREFIX)) {
      String rest = location.substring(FILE_PREFIX.length());
      return load(rest.startsWith("//") ? Path.of(java.net.URI.create(location)) : Path.of(rest));
    }
    return load(Path.of(location));
  }

  private static final String CLASSPATH_PREFIX = "classpath:";
  private static final String FILE_PREFIX = "file:";

  /**
   * A configuration file with no keys is refused rather than read as the defaults: an empty file is far more often a
   * failed copy or an unmounted volume than a wish for the defaults, and the defaults need no file at all.
   */
  private static void requireContent(String text, String source) {
    boolean onlyComments = text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
    if (onlyComments) {
      throw new ConfigException(source + ": the configuration is empty (no keys); write at least 'preset: default',"
          + " or give no configuration to run the defaults");
    }
  }

  private static String utf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(java.nio.ByteBuffer.wrap(bytes))
        .toString();
  }

  public static FirewallConfig parse(String yaml, String sourceName) {
    return fromNode(YamlConfigReader.read(yaml, sourceName), sourceName, null);
  }

  public static FirewallConfig parse(Reader yaml, String sourceName) {
    return fromNode(YamlConfigReader.read(yaml, sourceName), sourceName, null);
  }

  private static FirewallConfig fromNode(ConfigNode rootNode, String source, Path dir) {
    if (!(rootNode instanceof ConfigNode.Mapping root)) {
      throw new ConfigException(rootNode.location(), "the configuration must be a mapping of keys such as 'roles' and 'scanners', found " + rootNode.kind());
    }
    for (String key : root.entries().keySet()) {
      if (!TOP_LEVEL_KEYS.contains(key)) {
        throw new ConfigException(root.keyLocation(key), "unknown key '" + key + "'" + Suggestions.didYouMean(key, TOP_LEVEL_KEYS)
            + "; known keys: " + String.join(", ", new java.util.TreeSet<>(TOP_LEVEL_KEYS)));
      }
    }
    String preset = null;
    ConfigNode.Location presetLocation = null;
    if (root.get("preset") != null) {
      preset = scalar(root.get("preset"), "preset", "a preset name");
      presetLocation = root.get("preset").location();
      if (!Presets.exists(preset)) {
        throw new ConfigException(presetLocation, "unknown preset '" + preset + "'" + Suggestions.didYouMean(preset, Presets.names())
            + "; expected one of " + String.join(", ", Presets.names()));
      }
    }
    Duration deadline = root.get("deadline") == null ? DEFAULT_DEADLINE : duration(root.get("deadline"), "deadline");
    boolean shortCircuit = root.get("short-circuit") != null && bool(root.get("short-circuit"), "short-circuit");
    boolean allowMissing = root.get("allow-missing-scanners") != null
        && bool(root.get("allow-missing-scanners"), "allow-missing-scanners");
    int maxChars = DEFAULT_MAX_CONTENT_CHARS;
    if (root.get("max-content-chars") != null) {
      String t = scalar(root.get("max-content-chars"), "max-content-chars", "a positive integer");
      try {
        maxChars = Integer.parseInt(t.replace("_", ""));
      } catch (NumberFormatException e) {
        maxChars = -1;
      }
      if (maxChars <= 0) {
        throw new ConfigException(root.get("max-content-chars").location(), "max-content-chars: expected a positive integer, got '" + t + "'");
      }
    }
    Map<String, ScannerInstance> scanners = new LinkedHashMap<>();
    ConfigNode scannersNode = root.get("scanners");
    if (scannersNode != null && !(scannersNode instanceof ConfigNode.Scalar s && s.isNull())) {
      if (!(scannersNode instanceof ConfigNode.Mapping sm)) {
        throw new ConfigException(scannersNode.location(), "scanners: expected a mapping from scanner name to its settings, found " + scannersNode.kind());
      }
      for (Map.Entry<String, ConfigNode> e : sm.entries().entrySet()) {
        scanners.put(e.getKey(), scannerInstance(e.getKey(), e.getValue(), sm.keyLocation(e.getKey())));
      }
    }
    Map<Role, List<RoleEntry>> roles = new EnumMap<>(Role.class);
    ConfigNode rolesNode = root.get("roles");
    if (rolesNode != null && !(rolesNode instanceof ConfigNode.Scalar s && s.isNull())) {
      if (!(rolesNode instanceof ConfigNode.Mapping rm)) {
        throw new ConfigException(rolesNode.location(), "roles: expected a mapping from role to a list of scanners, found " + rolesNode.kind());
      }
      for (Map.Entry<String, ConfigNode> e : rm.entries().entrySet()) {
        Role role;
        try {
          role = Role.parse(e.getKey());
        } catch (IllegalArgumentException ex) {
          throw new ConfigException(rm.keyLocation(e.getKey()), "roles: " + ex.getMessage());
        }
        roles.put(role, roleEntries(role, e.getValue()));
      }
    }
    ConfigNode backendsNode = root.get("backends");
    ConfigNode.Mapping backends = ConfigNode.Mapping.empty(root.location());
    if (backendsNode instanceof ConfigNode.Mapping bm) {
      backends = bm;
    } else if (backendsNode != null && !(backendsNode instanceof ConfigNode.Scalar s && s.isNull())) {
      throw new ConfigException(backendsNode.location(), "backends: expected a mapping from backend name to its settings, found " + backendsNode.kind());
    }
    StreamOptions streamOptions = streaming(root.get("streaming"), maxChars);
    return new FirewallConfig(source, dir, preset, presetLocation, deadline, shortCircuit, maxChars, allowMissing, scanners,
        roles, backends, streamOptions);
  }

  private static StreamOptions streaming(ConfigNode node, int maxContentChars) {
    StreamOptions options = StreamOptions.defaults(maxContentChars);
    if (node == null || (node instanceof ConfigNode.Scalar s && s.isNull())) {
      return options;
    }
    if (!(node instanceof ConfigNode.Mapping m)) {
      throw new ConfigException(node.location(), "streaming: expected a mapping (max-hold-chars, hold, max-answer-chars, max-answer-time), found " + node.kind());
    }
    for (String key : m.entries().keySet()) {
      if (!STREAMING_KEYS.contains(key)) {
        throw new ConfigException(m.keyLocation(key), "streaming: unknown key '" + key + "'" + Suggestions.didYouMean(key, STREAMING_KEYS)
            + "; known keys: " + String.join(", ", new java.util.TreeSet<>(STREAMING_KEYS)));
      }
    }
    if (m.get("max-hold-chars") != null) {
      options = options.withMaxHoldChars(positiveInt(m.get("max-hold-chars"), "streaming.max-hold-chars", 2));
    }
    if (m.get("max-answer-chars") != null) {
      options = options.withMaxAnswerChars(positiveInt(m.get("max-answer-chars"), "streaming.max-answer-chars", 1));
    }
    if (m.get("hold") != null) {
      String t = scalar(m.get("hold"), "streaming.hold", "sentence or word");
      options = switch (t.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "sentence" -> options.withHoldSentences(true);
        case "word" -> options.withHoldSentences(false);
        default -> throw new ConfigException(m.get("hold").location(), "streaming.hold: expected sentence or word, got '" + t + "'");
      };
    }
    if (m.get("max-answer-time") != null) {
      options = options.withMaxAnswerTime(duration(m.get("max-answer-time"), "streaming.max-answer-time"));
    }
    return options;
  }

  private static int positiveInt(ConfigNode node, String key, int min) {
    String t = scalar(node, key, "an integer of at least " + min);
    int v;
    try {
      v = Integer.parseInt(t.replace("_", ""));
    } catch (NumberFormatException e) {
      v = Integer.MIN_VALUE;
    }
    if (v < min) {
      throw new ConfigException(node.location(), key + ": expected an integer of at least " + min + ", got '" + t + "'");
    }
    return v;
  }

  private static ScannerInstance scannerInstance(String name, ConfigNode node, ConfigNode.Location keyLocation) {
    if (node instanceof ConfigNode.Scalar s && s.isNull()) {
      return new ScannerInstance(name, name, null, null, ConfigNode.Mapping.empty(keyLocation), keyLocation);
    }
    if (!(node instanceof ConfigNode.Mapping m)) {
      throw new ConfigException(node.location(), "scanners." + name + ": expected a mapping of settings, found " + node.kind());
    }
    String type = m.get("type") == null ? name : scalar(m.get("type"), "scanners." + name + ".type", "a scanner type");
    FailureMode failureMode = null;
    if (m.get("failure-mode") != null) {
      try {
        failureMode = FailureMode.parse(scalar(m.get("failure-mode"), "scanners." + name + ".failure-mode", "open or closed"));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(m.get("failure-mode").location(), "scanners." + name + ".failure-mode: " + e.getMessage());
      }
    }
    Duration deadline = m.get("deadline") == null ? null : duration(m.get("deadline"), "scanners." + name + ".deadline");
    Map<String, ConfigNode> params = new LinkedHashMap<>();
    Map<String, ConfigNode.Location> keyLocations = new java.util.HashMap<>();
    for (Map.Entry<String, ConfigNode> e : m.entries().entrySet()) {
      if (!ScannerSpec.COMMON_KEYS.contains(e.getKey())) {
        params.put(e.getKey(), e.getValue());
        keyLocations.put(e.getKey(), m.keyLocation(e.getKey()));
      }
    }
    return new ScannerInstance(name, type, failureMode, deadline, new ConfigNode.Mapping(params, keyLocations, m.location()), keyLocation);
  }

  private static List<RoleEntry> roleEntries(Role role, ConfigNode node) {
    List<RoleEntry> entries = new ArrayList<>();
    if (node instanceof ConfigNode.Scalar s) {
      if (!s.isNull()) {
        entries.add(new RoleEntry(s.value(), s.location()));
      }
      return entries;
    }
    if (!(node instanceof ConfigNode.Sequence seq)) {
      throw new ConfigException(node.location(), "roles." + role.id() + ": expected a list of scanner names, found " + node.kind());
    }
    for (ConfigNode item : seq.items()) {
      if (!(item instanceof ConfigNode.Scalar s) || s.isNull()) {
        throw new ConfigException(item.location(), "roles." + role.id() + ": expected a scanner name, found " + item.kind());
      }
      entries.add(new RoleEntry(s.value(), s.location()));
    }
    return entries;
  }

  private static String scalar(ConfigNode node, String key, String expected) {
    if (node instanceof ConfigNode.Scalar s && !s.isNull()) {
      return s.value();
    }
    throw new ConfigException(node.location(), key + ": expected " + expected + ", found " + node.kind());
  }

  private static Duration duration(ConfigNode node, String key) {
    try {
      Duration d = Durations.parse(scalar(node, key, "a duration"));
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("expected a positive duration, got " + Durations.format(d));
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(node.location(), key + ": " + e.getMessage());
    }
  }

  private static boolean bool(ConfigNode node, String key) {
    String t = scalar(node, key, "true or false");
    return switch (t.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new ConfigException(node.location(), key + ": expected true or false, got '" + t + "'");
    };
  }

  /** A copy whose role lists are replaced for the given roles (the CLI's {@code --scanner}). */
  public FirewallConfig withRole(Role role, List<String> scannerNames) {
    Map<Role, List<RoleEntry>> copy = new EnumMap<>(Role.class);
    copy.putAll(roles);
    copy.put(role, scannerNames.stream().map(n -> new RoleEntry(n, ConfigNode.Location.inCode("--scanner " + n))).toList());
    return new FirewallConfig(source, baseDirectory, preset, presetLocation, deadline, shortCircuit, maxContentChars,
        allowMissingScanners, scanners, copy, backends, streamOptions);
  }

  /** A copy with short-circuit mode set. */
  public FirewallConfig withShortCircuit(boolean enabled) {
    return new FirewallConfig(source, baseDirectory, preset, presetLocation, deadline, enabled, maxContentChars,
        allowMissingScanners, scanners, roles, backends, streamOptions);
  }

  /** A copy that skips (with a warning) scanners whose module is not on the class path instead of failing. */
  public FirewallConfig withAllowMissingScanners(boolean allowed) {
    return new FirewallConfig(source, baseDirectory, preset, presetLocation, deadline, shortCircuit, maxContentChars,
        allowed, scanners, roles, backends, streamOptions);
  }

  public String source() {
    return source;
  }

  /** Directory that relative paths in the file resolve against; null for configuration not read from a file. */
  public Path baseDirectory() {
    return baseDirectory;
  }

  /** The preset named in the file, or null. */
  public String preset() {
    return preset;
  }

  public ConfigNode.Location presetLocation() {
    return presetLocation;
  }

  public Duration deadline() {
    return deadline;
  }

  public boolean shortCircuit() {
    return shortCircuit;
  }

  public int maxContentChars() {
    return maxContentChars;
  }

  /**
   * Whether a scanner whose module is missing from the class path is skipped with a warning ({@code true}) or fails
   * the build of the firewall with the artifact to add ({@code false}, the default).
   */
  public boolean allowMissingScanners() {
    return allowMissingScanners;
  }

  /** Scanner instances by name, in file order. */
  public Map<String, ScannerInstance> scanners() {
    return scanners;
  }

  /** Role lists given explicitly; roles absent here take the preset's list. */
  public Map<Role, List<RoleEntry>> roles() {
    return roles;
  }

  /** How streamed answers are held back and limited (the {@code streaming} section). */
  public StreamOptions streamOptions() {
    return streamOptions;
  }

  /** The {@code backends} section (LLM endpoints, local models), for the modules that use it. */
  public ConfigNode.Mapping backends() {
    return backends;
  }
}
