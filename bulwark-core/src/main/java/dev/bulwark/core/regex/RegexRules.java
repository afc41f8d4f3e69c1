package dev.bulwark.core.regex;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.bulwark.core.ConfigException;
import dev.bulwark.core.ConfigNode;
import dev.bulwark.core.Decision;
import dev.bulwark.core.config.YamlConfigReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads regex rules from YAML: the shipped defaults (resources {@code dev/bulwark/core/regex/rules/*.yaml}, listed in
 * {@code index.txt}) and user patterns from configuration. Every pattern compiles on RE2 (re2j), so matching time is
 * linear in the input whatever the pattern: a user's pattern cannot hang the process.
 */
public final class RegexRules {
  static final String RESOURCE_DIR = "/dev/bulwark/core/regex/rules/";

  private RegexRules() {}

  /** The shipped rule set (injection phrasings and secrets). */
  public static List<RegexRule> defaults() {
    return Defaults.RULES;
  }

  /** Holder: the shipped rules load on first use, after this class's own constants. */
  private static final class Defaults {
    static final List<RegexRule> RULES = loadDefaults();
  }

  /** The rule files of the shipped set, as listed in {@code index.txt}. */
  public static List<String> defaultFiles() {
    List<String> files = new ArrayList<>();
    try (InputStream in = RegexRules.class.getResourceAsStream(RESOURCE_DIR + "index.txt")) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE_DIR + "index.txt");
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          files.add(line.trim());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return files;
  }

  private static List<RegexRule> loadDefaults() {
    List<RegexRule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (String file : defaultFiles()) {
      try (InputStream in = RegexRules.class.getResourceAsStream(RESOURCE_DIR + file)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE_DIR + file);
        }
        ConfigNode node = YamlConfigReader.read(new InputStreamReader(in, StandardCharsets.UTF_8), file);
        for (RegexRule r : parseList(node, file, false)) {
          if (!ids.add(r.id())) {
            throw new IllegalStateException("duplicate rule id " + r.id() + " in " + file);
          }
          rules.add(r);
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return List.copyOf(rules);
  }

  /**
   * Parses a YAML list of rules. Keys: {@code id} (or {@code name}), {@code pattern}, {@code decision} (default block),
   * {@code category} (default custom), {@code message}, {@code case-sensitive} (default false),
   * {@code anchors} (ASCII literals every match contains), {@code anchored-at-start} (every match starts at an
   * anchor), {@code not-preceded-by}.
   */
  public static List<RegexRule> parseList(ConfigNode node, String where, boolean userPatterns) {
    if (!(node instanceof ConfigNode.Sequence seq)) {
      throw new ConfigException(node.location(), where + ": expected a list of patterns, found " + node.kind());
    }
    List<RegexRule> rules = new ArrayList<>();
    for (ConfigNode item : seq.items()) {
      rules.add(parseRule(item, where, userPatterns));
    }
    return rules;
  }

  private static final Set<String> KEYS =
      Set.of("id", "name", "pattern", "decision", "category", "message", "case-sensitive", "anchors", "not-preceded-by",
          "anchored-at-start");

  private static RegexRule parseRule(ConfigNode node, String where, boolean userPatterns) {
    if (!(node instanceof ConfigNode.Mapping m)) {
      throw new ConfigException(node.location(), where + ": expected a pattern such as {name: ..., pattern: ...}, found " + node.kind());
    }
    for (String key : m.entries().keySet()) {
      if (!KEYS.contains(key)) {
        throw new ConfigException(m.keyLocation(key), where + ": unknown pattern key '" + key + "'; known: " + String.join(", ", new java.util.TreeSet<>(KEYS)));
      }
    }
    String id = text(m, "id", null);
    if (id == null) {
      id = text(m, "name", null);
    }
    if (id == null || id.isBlank()) {
      throw new ConfigException(m.location(), where + ": a pattern needs a name");
    }
    String source = text(m, "pattern", null);
    if (source == null || source.isEmpty()) {
      throw new ConfigException(m.location(), where + ": pattern '" + id + "' has no 'pattern'");
    }
    boolean caseSensitive = Boolean.parseBoolean(text(m, "case-sensitive", "false"));
    Pattern pattern;
    try {
      pattern = Pattern.compile(source, (caseSensitive ? 0 : Pattern.CASE_INSENSITIVE) | Pattern.DOTALL);
    } catch (PatternSyntaxException e) {
      throw new ConfigException(m.get("pattern").location(), where + ": pattern '" + id + "' is not a valid RE2 pattern ("
          + e.getDescription() + "); RE2 has no backreferences or lookaround");
    }
    Decision decision;
    try {
      decision = Decision.parse(text(m, "decision", "block"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(m.get("decision").location(), where + ": pattern '" + id + "': " + e.getMessage());
    }
    String category = text(m, "category", "custom");
    String message = text(m, "message", "matched pattern " + id);
    List<String> anchors = list(m, "anchors");
    for (String a : anchors) {
      if (a.isEmpty() || a.chars().anyMatch(c -> c >= 128)) {
        throw new ConfigException(m.get("anchors").location(), where + ": pattern '" + id + "': anchors must be non-empty ASCII literals");
      }
    }
    boolean anchoredAtStart = Boolean.parseBoolean(text(m, "anchored-at-start", "false"));
    if (anchoredAtStart && anchors.isEmpty()) {
      throw new ConfigException(m.location(), where + ": pattern '" + id + "': anchored-at-start needs anchors");
    }
    return new RegexRule(id, category, decision, message, pattern, anchors, list(m, "not-preceded-by"), anchoredAtStart);
  }

  private static String text(ConfigNode.Mapping m, String key, String fallback) {
    ConfigNode n = m.get(key);
    if (n == null || (n instanceof ConfigNode.Scalar s && s.isNull())) {
      return fallback;
    }
    if (n instanceof ConfigNode.Scalar s) {
      return s.value();
    }
    throw new ConfigException(n.location(), "'" + key + "' must be a string, found " + n.kind());
  }

  private static List<String> list(ConfigNode.Mapping m, String key) {
    ConfigNode n = m.get(key);
    if (n == null) {
      return List.of();
    }
    if (n instanceof ConfigNode.Scalar s) {
      return s.isNull() ? List.of() : List.of(s.value());
    }
    if (!(n instanceof ConfigNode.Sequence seq)) {
      throw new ConfigException(n.location(), "'" + key + "' must be a list of strings, found " + n.kind());
    }
    List<String> out = new ArrayList<>();
    for (ConfigNode item : seq.items()) {
      if (!(item instanceof ConfigNode.Scalar s) || s.isNull()) {
        throw new ConfigException(item.location(), "'" + key + "' must be a list of strings");
      }
      out.add(s.value());
    }
    return out;
  }
}
