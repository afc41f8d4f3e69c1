package dev.bulwark.codeshield.shell;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the {@code shell-command} rules: a multi-document YAML file whose first document holds named patterns and
 * every other one rule. Unknown keys, bad regexes and unknown pattern names fail with the rule's id.
 */
public final class CommandRuleLoader {
  /** The shipped rules, next to their examples ({@code command-rules.sh}). */
  public static final String RESOURCE = "/dev/bulwark/codeshield/shell/command-rules.yaml";

  private static final Set<String> RULE_KEYS = Set.of("id", "category", "severity", "decision", "message", "match");
  private static final Set<String> CLAUSE_KEYS = Set.of("command", "flag", "has-arg", "argument", "any-argument",
      "first-argument", "second-argument", "redirect", "writes", "reads", "runs-input", "no-arguments", "piped-from",
      "script", "severity", "decision", "message");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z][a-z0-9-]*)\\}");

  private CommandRuleLoader() {}

  /** The shipped rules. */
  public static List<CommandRule> shipped() {
    try (InputStream in = CommandRuleLoader.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rules from YAML text (the named patterns first, then one document per rule). */
  public static List<CommandRule> parse(String yaml) {
    Map<String, String> patterns = new HashMap<>();
    List<CommandRule> rules = new ArrayList<>();
    boolean first = true;
    for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
      if (!(doc instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("shell command rules: every document must be a mapping");
      }
      if (first && map.containsKey("patterns")) {
        ((Map<?, ?>) map.get("patterns")).forEach((k, v) -> patterns.put(String.valueOf(k), String.valueOf(v)));
      } else {
        rules.add(rule(map, patterns));
      }
      first = false;
    }
    return List.copyOf(rules);
  }

  private static CommandRule rule(Map<?, ?> doc, Map<String, String> patterns) {
    String id = String.valueOf(doc.get("id"));
    try {
      for (Object k : doc.keySet()) {
        if (!RULE_KEYS.contains(String.valueOf(k))) {
          throw new IllegalArgumentException("unknown key '" + k + "'");
        }
      }
      if (!id.matches("shell\\.[a-z0-9-]+")) {
        throw new IllegalArgumentException("id must be shell.<name>");
      }
      if (!(doc.get("match") instanceof List<?> match) || match.isEmpty()) {
        throw new IllegalArgumentException("match must be a non-empty list of clauses");
      }
      List<CommandClause> clauses = new ArrayList<>();
      for (Object c : match) {
        clauses.add(clause(c, patterns));
      }
      return new CommandRule(id, required(doc, "category"), Severity.parse(required(doc, "severity")),
          Decision.parse(required(doc, "decision")), required(doc, "message"), List.copyOf(clauses));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("shell command rule " + id + ": " + e.getMessage(), e);
    }
  }

  private static CommandClause clause(Object o, Map<String, String> patterns) {
    if (!(o instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("a clause must be a mapping");
    }
    for (Object k : m.keySet()) {
      if (!CLAUSE_KEYS.contains(String.valueOf(k))) {
        throw new IllegalArgumentException("unknown clause key '" + k + "'");
      }
    }
    return new CommandClause(
        regex(m, "command", patterns), list(m, "flag"), list(m, "has-arg"), regex(m, "argument", patterns),
        regex(m, "any-argument", patterns), regex(m, "first-argument", patterns), regex(m, "second-argument", patterns),
        regex(m, "redirect", patterns), regex(m, "writes", patterns), regex(m, "reads", patterns),
        Boolean.TRUE.equals(m.get("runs-input")), Boolean.TRUE.equals(m.get("no-arguments")),
        m.containsKey("piped-from") ? clause(m.get("piped-from"), patterns) : null, regex(m, "script", patterns),
        m.containsKey("severity") ? Severity.parse(String.valueOf(m.get("severity"))) : null,
        m.containsKey("decision") ? Decision.parse(String.valueOf(m.get("decision"))) : null,
        m.containsKey("message") ? String.valueOf(m.get("message")) : null);
  }

  private static String required(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null || String.valueOf(v).isBlank()) {
      throw new IllegalArgumentException("missing '" + key + "'");
    }
    return String.valueOf(v);
  }

  private static List<String> list(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw new IllegalArgumentException("'" + key + "' must be a list");
    }
    return l.stream().map(String::valueOf).toList();
  }

  /** A regex with {@code ${name}} replaced by the named pattern (as a group); null when absent. */
  private static Pattern regex(Map<?, ?> m, String key, Map<String, String> patterns) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    Matcher p = PLACEHOLDER.matcher(String.valueOf(v));
    StringBuilder sb = new StringBuilder();
    while (p.find()) {
      String named = patterns.get(p.group(1));
      if (named == null) {
        throw new IllegalArgumentException("'" + key + "' names an unknown pattern ${" + p.group(1) + "}");
      }
      p.appendReplacement(sb, Matcher.quoteReplacement("(?:" + named + ")"));
    }
    p.appendTail(sb);
    try {
      return Pattern.compile(sb.toString());
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("'" + key + "' is not a valid regex: " + e.getDescription());
    }
  }
}
