package dev.bulwark.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one configured scanner instance, with typed accessors that validate as they read: a bad value
 * becomes a {@link ConfigException} naming the key, the expected type and the file and line.
 */
public final class ScannerSettings {
  private final String instanceName;
  private final String type;
  private final ConfigNode.Mapping params;
  private final FirewallConfig root;

  public ScannerSettings(String instanceName, String type, ConfigNode.Mapping params, FirewallConfig root) {
    this.instanceName = instanceName;
    this.type = type;
    this.params = params;
    this.root = root;
  }

  /** Settings given in code, e.g. {@code ScannerSettings.of("regex", Map.of("defaults", false))}. */
  public static ScannerSettings of(String type, Map<String, ?> params) {
    ConfigNode.Location where = ConfigNode.Location.inCode("settings of " + type);
    return new ScannerSettings(type, type, (ConfigNode.Mapping) ConfigNode.fromJava(params, where), null);
  }

  public static ScannerSettings empty(String type) {
    return of(type, Map.of());
  }

  /** The instance's name (the key under {@code scanners:}); the type's name when not renamed. */
  public String instanceName() {
    return instanceName;
  }

  public String type() {
    return type;
  }

  public ConfigNode.Mapping params() {
    return params;
  }

  /** The whole configuration, for settings that refer to shared sections (such as {@code backends}); may be null. */
  public Optional<FirewallConfig> root() {
    return Optional.ofNullable(root);
  }

  public boolean has(String key) {
    ConfigNode n = params.get(key);
    return n != null && !(n instanceof ConfigNode.Scalar s && s.isNull());
  }

  public Optional<ConfigNode> node(String key) {
    return has(key) ? Optional.of(params.get(key)) : Optional.empty();
  }

  public ConfigNode.Location location(String key) {
    ConfigNode n = params.get(key);
    return n != null ? n.location() : params.location();
  }

  /** An error about {@code key}, located at its value. */
  public ConfigException error(String key, String problem) {
    return new ConfigException(location(key), "scanners." + instanceName + "." + key + ": " + problem);
  }

  /**
   * The value of a declared setting: the one given, validated against the setting's type and bounds, else its
   * default.
   *
   * @throws ConfigException for a bad value, located at it
   * @throws IllegalStateException when nothing is given and the setting declares no default value (a programming
   *     error: read such a setting with {@link #find})
   */
  public <T> T get(Setting<T> setting) {
    return find(setting).orElseGet(() -> setting.defaultValue().orElseThrow(() -> new IllegalStateException(
        "setting '" + setting.name() + "' of " + type + " declares no default value; read it with find()")));
  }

  /** The value given for a declared setting, validated; empty when the key is absent (or null). */
  public <T> Optional<T> find(Setting<T> setting) {
    return has(setting.name()) ? Optional.of(setting.read(this)) : Optional.empty();
  }

  /** Whether a value is given for the setting. */
  public boolean has(Setting<?> setting) {
    return has(setting.name());
  }

  /** An error about a setting, located at its value. */
  public ConfigException error(Setting<?> setting, String problem) {
    return error(setting.name(), problem);
  }

  public String getString(String key, String defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    return scalar(key, "a string");
  }

  public String requireString(String key) {
    if (!has(key)) {
      throw new ConfigException(params.location(), "scanners." + instanceName + ": missing required setting '" + key + "'");
    }
    return scalar(key, "a string");
  }

  public double getDouble(String key, double defaultValue, double min, double max) {
    if (!has(key)) {
      return defaultValue;
    }
    String text = scalar(key, "a number");
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw error(key, "expected a number between " + plain(min) + " and " + plain(max) + ", got '" + text + "'");
    }
    if (!(value >= min && value <= max)) {
      throw error(key, "expected a number between " + plain(min) + " and " + plain(max) + ", got " + text);
    }
    return value;
  }

  /** A probability-like threshold in [0, 1]. */
  public double getThreshold(String key, double defaultValue) {
    return getDouble(key, defaultValue, 0.0, 1.0);
  }

  public int getInt(String key, int defaultValue, int min, int max) {
    if (!has(key)) {
      return defaultValue;
    }
    String text = scalar(key, "an integer");
    try {
      int value = Integer.parseInt(text.replace("_", ""));
      if (value < min || value > max) {
        throw error(key, "expected an integer between " + min + " and " + max + ", got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw error(key, "expected an integer between " + min + " and " + max + ", got '" + text + "'");
    }
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    String text = scalar(key, "true or false");
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw error(key, "expected true or false, got '" + text + "'");
    };
  }

  public Decision getDecision(String key, Decision defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    try {
      return Decision.parse(scalar(key, "a decision"));
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  public Duration getDuration(String key, Duration defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    try {
      return Durations.parse(scalar(key, "a duration"));
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  /** A path; relative paths resolve against the configuration file's directory. */
  public Path getPath(String key, Path defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    Path p = Path.of(scalar(key, "a path"));
    if (!p.isAbsolute() && root != null && root.baseDirectory() != null) {
      p = root.baseDirectory().resolve(p);
    }
    return p;
  }

  /** A list of strings; a single string counts as a list of one. */
  public List<String> getStringList(String key, List<String> defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    ConfigNode n = params.get(key);
    if (n instanceof ConfigNode.Scalar s) {
      return List.of(s.value());
    }
    if (n instanceof ConfigNode.Sequence seq) {
      List<String> out = new ArrayList<>();
      for (ConfigNode item : seq.items()) {
        if (!(item instanceof ConfigNode.Scalar s) || s.isNull()) {
          throw new ConfigException(item.location(), "scanners." + instanceName + "." + key + ": expected a list of strings, found " + item.kind());
        }
        out.add(s.value());
      }
      return out;
    }
    throw error(key, "expected a list of strings, found " + n.kind());
  }

  private String scalar(String key, String expected) {
    ConfigNode n = params.get(key);
    if (n instanceof ConfigNode.Scalar s && !s.isNull()) {
      return s.value();
    }
    throw error(key, "expected " + expected + ", found " + n.kind());
  }

  /** {@code 0}, {@code 1}, {@code 0.5}, {@code 1000}: bounds as a person writes them. */
  static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }

  @Override
  public String toString() {
    return "ScannerSettings[" + instanceName + " (" + type + ")]";
  }
}
