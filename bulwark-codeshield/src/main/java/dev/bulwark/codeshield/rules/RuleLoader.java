package dev.bulwark.codeshield.rules;

import dev.bulwark.codeshield.Language;
import dev.bulwark.codeshield.taint.TaintSpec;
import dev.bulwark.core.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads rule files: one YAML document per file, {@code rules/<language>/<name>.yaml}. Validates every key at load
 * time, so a broken rule fails with its file name instead of misbehaving at scan time.
 */
public final class RuleLoader {
  /** The classpath folder of the built-in rules. */
  public static final String BUILT_IN = "dev/bulwark/codeshield/rules";

  private static final Set<String> KEYS = Set.of("id", "languages", "cwe", "severity", "message", "fix", "regex", "query",
      "text", "prefilter", "requires", "requires-near", "unless", "unless-near", "near-lines", "report", "title", "taint");
  private static final Set<String> TAINT_KEYS = Set.of("sources", "parameters", "sinks", "argument", "sanitizers", "guards",
      "propagators");
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z0-9][a-z0-9-]*");
  private static final Pattern CWE = Pattern.compile("CWE-[1-9][0-9]{0,4}");

  private RuleLoader() {}

  /** The built-in rules, sorted by id. */
  public static List<Rule> builtIn() {
    return builtIn(RuleLoader.class.getClassLoader());
  }

  static List<Rule> builtIn(ClassLoader loader) {
    List<Rule> rules = new ArrayList<>();
    for (Map.Entry<String, String> e : readResources(loader).entrySet()) {
      rules.add(parse(e.getValue(), "classpath:" + e.getKey()));
    }
    return sorted(rules);
  }

  /** Every {@code *.yaml} rule under {@code dir} (recursively), sorted by id. */
  public static List<Rule> fromDirectory(Path dir) {
    List<Rule> rules = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        rules.add(parse(Files.readString(p, StandardCharsets.UTF_8), p.toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rules from " + dir + ": " + e.getMessage(), e);
    }
    return sorted(rules);
  }

  private static List<Rule> sorted(List<Rule> rules) {
    rules.sort(Comparator.comparing(Rule::id));
    Set<String> seen = new LinkedHashSet<>();
    for (Rule r : rules) {
      if (!seen.add(r.id())) {
        throw new RuleException(r.source(), "duplicate rule id " + r.id());
      }
    }
    return Collections.unmodifiableList(rules);
  }

  /** Parses one rule file's text; {@code source} names it in error messages. */
  public static Rule parse(String yamlText, String source) {
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
    } catch (RuntimeException e) {
      throw new RuleException(source, "not valid YAML: " + e.getMessage(), e);
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw new RuleException(source, "expected a mapping with id, languages, cwe, severity, message, fix and regex or query");
    }
    for (Object k : map.keySet()) {
      if (!KEYS.contains(String.valueOf(k))) {
        throw new RuleException(source, "unknown key '" + k + "'; allowed: " + String.join(", ", KEYS.stream().sorted().toList()));
      }
    }
    String id = required(map, "id", source);
    if (!ID.matcher(id).matches()) {
      throw new RuleException(source, "id '" + id + "' must look like <language>.<name> in lower case, e.g. python.eval-dynamic");
    }
    Set<Language> languages = languages(map.get("languages"), source);
    String cwe = required(map, "cwe", source);
    if (!CWE.matcher(cwe).matches()) {
      throw new RuleException(source, "cwe '" + cwe + "' must look like CWE-78");
    }
    Severity severity;
    try {
      severity = Severity.parse(required(map, "severity", source));
    } catch (IllegalArgumentException e) {
      throw new RuleException(source, e.getMessage());
    }
    String message = required(map, "message", source).strip();
    String fix = required(map, "fix", source).strip();
    if (message.contains("\n") || fix.contains("\n")) {
      throw new RuleException(source, "message and fix must be one line each");
    }
    String regexText = optional(map, "regex");
    String query = optional(map, "query");
    TaintSpec taint = map.containsKey("taint") ? taint(map.get("taint"), source) : null;
    if ((regexText != null ? 1 : 0) + (query != null ? 1 : 0) + (taint != null ? 1 : 0) != 1) {
      throw new RuleException(source, "give exactly one of 'regex', 'query' or 'taint'");
    }
    if (taint != null && languages.isEmpty()) {
      throw new RuleException(source, "a taint rule must name its languages");
    }
    TextView view;
    try {
      view = map.containsKey("text") ? TextView.parse(optional(map, "text")) : TextView.CODE;
    } catch (IllegalArgumentException e) {
      throw new RuleException(source, e.getMessage());
    }
    Pattern regex = regexText == null ? null : compile(regexText, source, "regex");
    String prefilterText = optional(map, "prefilter");
    if (query != null && prefilterText == null) {
      throw new RuleException(source, "a structural rule needs a 'prefilter' regex, so blocks are only parsed when it could apply");
    }
    if (query != null && languages.isEmpty()) {
      throw new RuleException(source, "a structural rule must name its languages");
    }
    Pattern prefilter = prefilterText == null ? null : compile(prefilterText, source, "prefilter");
    int near = 0;
    if (map.containsKey("near-lines")) {
      try {
        near = Integer.parseInt(optional(map, "near-lines"));
      } catch (NumberFormatException e) {
        throw new RuleException(source, "near-lines must be an integer");
      }
    }
    List<Condition> requires = new ArrayList<>(conditions(map.get("requires"), 0, source, "requires"));
    if (map.containsKey("requires-near")) {
      requires.addAll(conditions(map.get("requires-near"), near > 0 ? near : 5, source, "requires-near"));
    }
    List<Condition> unless = new ArrayList<>(conditions(map.get("unless"), 0, source, "unless"));
    if (map.containsKey("unless-near")) {
      unless.addAll(conditions(map.get("unless-near"), near > 0 ? near : 5, source, "unless-near"));
    }
    return new Rule(id, languages, cwe, severity, message, fix, regex, query, view, prefilter, List.copyOf(requires), List.copyOf(unless),
        optional(map, "report"), source, taint);
  }

  /** The {@code taint:} section: sinks are required, sources or parameters (or both) give the untrusted data. */
  private static TaintSpec taint(Object value, String source) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new RuleException(source, "'taint' must be a mapping with sources, sinks and optionally parameters, argument, sanitizers, guards, propagators");
    }
    for (Object k : map.keySet()) {
      if (!TAINT_KEYS.contains(String.valueOf(k))) {
        throw new RuleException(source, "unknown key 'taint." + k + "'; allowed: " + String.join(", ", TAINT_KEYS.stream().sorted().toList()));
      }
    }
    String sinks = optional(map, "sinks");
    if (sinks == null) {
      throw new RuleException(source, "missing 'taint.sinks'");
    }
    String sources = optional(map, "sources");
    boolean parameters = Boolean.parseBoolean(String.valueOf(map.get("parameters")));
    if (sources == null && !parameters) {
      throw new RuleException(source, "a taint rule needs 'taint.sources', 'taint.parameters: true' or both");
    }
    TaintSpec.Argument argument;
    try {
      argument = map.containsKey("argument") ? TaintSpec.Argument.parse(optional(map, "argument")) : TaintSpec.Argument.FIRST;
    } catch (IllegalArgumentException e) {
      throw new RuleException(source, "taint." + e.getMessage());
    }
    String guards = optional(map, "guards");
    if (guards != null) {
      if (!guards.contains("${var}")) {
        throw new RuleException(source, "taint.guards must contain ${var}, the name the guard clears");
      }
      compile(guards.replace("${var}", "x"), source, "taint.guards");
    }
    String propagators = optional(map, "propagators");
    Pattern prop = propagators == null ? null : compile(propagators, source, "taint.propagators");
    if (prop != null && !propagators.contains("(?<to>")) {
      throw new RuleException(source, "taint.propagators needs a named group (?<to>...) for the name it writes");
    }
    String sanitizers = optional(map, "sanitizers");
    return new TaintSpec(sources == null ? null : compile(sources, source, "taint.sources"), parameters,
        compile(sinks, source, "taint.sinks"), argument, sanitizers == null ? null : compile(sanitizers, source, "taint.sanitizers"),
        guards, prop);
  }

  private static Pattern compile(String regex, String source, String key) {
    try {
      return Pattern.compile(regex, Pattern.MULTILINE);
    } catch (PatternSyntaxException e) {
      throw new RuleException(source, key + " does not compile: " + e.getDescription() + " near index " + e.getIndex());
    }
  }

  private static List<Condition> conditions(Object value, int near, String source, String key) {
    if (value == null) {
      return List.of();
    }
    List<Object> items = value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
    List<Condition> out = new ArrayList<>();
    for (Object item : items) {
      try {
        out.add(Condition.of(String.valueOf(item), near));
      } catch (PatternSyntaxException e) {
        throw new RuleException(source, key + " does not compile: " + e.getDescription());
      }
    }
    return List.copyOf(out);
  }

  private static Set<Language> languages(Object value, String source) {
    if (value == null) {
      throw new RuleException(source, "missing 'languages' (a list such as [python], or [any] for language-agnostic rules)");
    }
    List<?> items = value instanceof List<?> l ? l : List.of(value);
    Set<Language> out = EnumSet.noneOf(Language.class);
    for (Object item : items) {
      String name = String.valueOf(item);
      if (name.equals("any")) {
        if (items.size() > 1) {
          throw new RuleException(source, "'any' cannot be combined with other languages");
        }
        return Set.of();
      }
      try {
        out.add(Language.parse(name));
      } catch (IllegalArgumentException e) {
        throw new RuleException(source, e.getMessage());
      }
    }
    if (out.isEmpty()) {
      throw new RuleException(source, "'languages' is empty");
    }
    return Collections.unmodifiableSet(out);
  }

  private static String required(Map<?, ?> map, String key, String source) {
    String v = optional(map, key);
    if (v == null || v.isBlank()) {
      throw new RuleException(source, "missing '" + key + "'");
    }
    return v.strip();
  }

  private static String optional(Map<?, ?> map, String key) {
    Object v = map.get(key);
    return v == null ? null : String.valueOf(v);
  }

  /** Reads every {@code .yaml} under the built-in folder, keyed by path, whether on disk or in a jar. */
  private static Map<String, String> readResources(ClassLoader loader) {
    Map<String, String> out = new java.util.TreeMap<>();
    try {
      Enumeration<URL> roots = loader.getResources(BUILT_IN);
      while (roots.hasMoreElements()) {
        URL url = roots.nextElement();
        if (url.getProtocol().equals("file")) {
          Path dir = Path.of(url.toURI());
          try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
              out.put(BUILT_IN + "/" + dir.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
          }
        } else if (url.getProtocol().equals("jar")) {
          JarURLConnection conn = (JarURLConnection) url.openConnection();
          conn.setUseCaches(false);
          try (JarFile jar = conn.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
              JarEntry e = entries.nextElement();
              if (e.getName().startsWith(BUILT_IN + "/") && e.getName().endsWith(".yaml")) {
                try (InputStream in = jar.getInputStream(e)) {
                  out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
              }
            }
          }
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot list the built-in Code Shield rules: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no built-in Code Shield rules found under " + BUILT_IN);
    }
    return out;
  }
}
