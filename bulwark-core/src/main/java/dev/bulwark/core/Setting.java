package dev.bulwark.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One setting of a scanner, declared once as a constant beside the scanner's {@link ScannerSpec}: its key, type,
 * bounds, default and one line of documentation. The provider reads it with {@link ScannerSettings#get(Setting)},
 * so the default lives here only; configuration validation, {@code bulwark scanners} and docs/SCANNERS.md read the
 * same object.
 *
 * <pre>{@code
 * static final Setting<Integer> MAX_FINDINGS =
 *     Setting.integer("max-findings", 1, 1000, "findings reported per rule").byDefault(10);
 * ...
 * int max = settings.get(MAX_FINDINGS);
 * }</pre>
 *
 * <p>A bad value is a {@link ConfigException} located at the value, naming the scanner instance, the key, the bound
 * and the value given: {@code bulwark.yaml:4:19: scanners.regex.max-findings: expected an integer between 1 and
 * 1000, got 5000}.
 *
 * @param <T> the value's Java type
 */
public final class Setting<T> {
  /** Reads the value of a key that is present; throws {@link ConfigException} for a bad one. */
  @FunctionalInterface
  private interface Reader<T> {
    T read(ScannerSettings settings, String key);
  }

  private final String name;
  private final String type;
  private final String doc;
  private final Reader<T> reader;
  private final Function<T, String> shown;
  private final T defaultValue;
  private final String defaultText;

  private Setting(String name, String type, String doc, Reader<T> reader, Function<T, String> shown, T defaultValue,
      String defaultText) {
    this.name = requireKey(name);
    this.type = Objects.requireNonNull(type, "type");
    this.doc = Objects.requireNonNull(doc, "doc");
    this.reader = reader;
    this.shown = shown;
    this.defaultValue = defaultValue;
    this.defaultText = defaultText;
  }

  private static <T> Setting<T> of(String name, String type, String doc, Reader<T> reader) {
    return new Setting<>(name, type, doc, reader, String::valueOf, null, null);
  }

  /** {@code true} or {@code false} ({@code yes}/{@code no}, {@code on}/{@code off} are accepted too). */
  public static Setting<Boolean> bool(String name, String doc) {
    return of(name, "boolean", doc, (s, k) -> s.getBoolean(k, false));
  }

  /** An integer in {@code [min, max]}. */
  public static Setting<Integer> integer(String name, int min, int max, String doc) {
    if (min > max) {
      throw new IllegalArgumentException(name + ": min " + min + " > max " + max);
    }
    String type = max == Integer.MAX_VALUE ? "integer ≥ " + min : "integer " + min + ".." + max;
    return of(name, type, doc, (s, k) -> s.getInt(k, 0, min, max));
  }

  /** A number in {@code [min, max]}. */
  public static Setting<Double> number(String name, double min, double max, String doc) {
    if (!(min <= max)) {
      throw new IllegalArgumentException(name + ": min " + min + " > max " + max);
    }
    return of(name, "number " + plain(min) + ".." + plain(max), doc, (s, k) -> s.getDouble(k, 0, min, max));
  }

  /** A probability-like threshold: a number in [0, 1]. */
  public static Setting<Double> threshold(String name, String doc) {
    return number(name, 0, 1, doc);
  }

  /**
   * A decision ({@code allow}, {@code human_in_the_loop_required}, {@code block}); when {@code allowed} is given,
   * only those.
   */
  public static Setting<Decision> decision(String name, String doc, Decision... allowed) {
    if (allowed.length == 0) {
      return of(name, "decision", doc, (s, k) -> s.getDecision(k, null));
    }
    Set<Decision> ok = Set.copyOf(Arrays.asList(allowed));
    String listed = Arrays.stream(allowed).map(Decision::id).collect(Collectors.joining(" | "));
    return of(name, listed, doc, (s, k) -> {
      Decision d = s.getDecision(k, null);
      if (!ok.contains(d)) {
        throw s.error(k, "expected one of " + listed.replace(" | ", ", ") + ", got " + d.id());
      }
      return d;
    });
  }

  /** A duration: {@code 250ms}, {@code 2s}, {@code 1m}. */
  public static Setting<Duration> duration(String name, String doc) {
    return new Setting<>(name, "duration", doc, (s, k) -> s.getDuration(k, null), Durations::format, null, null);
  }

  /** A path; a relative one resolves against the configuration file's directory. Not checked for existence. */
  public static Setting<Path> path(String name, String doc) {
    return of(name, "path", doc, (s, k) -> s.getPath(k, null));
  }

  /** A line of text. */
  public static Setting<String> text(String name, String doc) {
    return text(name, "text", doc);
  }

  /** A line of text that names something ({@code type} says what, e.g. {@code field name}). */
  public static Setting<String> text(String name, String type, String doc) {
    return of(name, type, doc, (s, k) -> s.getString(k, null));
  }

  /** A list of strings ({@code type} says what they are, e.g. {@code list of rule ids}); one string is a list of one. */
  public static Setting<List<String>> list(String name, String type, String doc) {
    return new Setting<>(name, type, doc, (s, k) -> List.copyOf(s.getStringList(k, List.of())),
        v -> "[" + String.join(", ", v) + "]", null, null);
  }

  /**
   * A list whose items {@code parse} reads ({@code [user, tool]}); one string is a list of one. An
   * {@link IllegalArgumentException} from the parser becomes the error message.
   */
  public static <E> Setting<List<E>> parsedList(String name, String type, Function<String, E> parse, String doc) {
    return new Setting<List<E>>(name, type, doc, (s, k) -> {
      List<E> out = new ArrayList<>();
      for (String item : s.getStringList(k, List.of())) {
        try {
          out.add(parse.apply(item));
        } catch (IllegalArgumentException e) {
          throw s.error(k, e.getMessage());
        }
      }
      return List.copyOf(out);
    }, v -> "[" + v.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "]", null, null);
  }

  /**
   * A string parsed by {@code parse}, e.g. one of a few names; an {@link IllegalArgumentException} from the parser
   * becomes the error message. {@code type} is the docs' description of what is accepted ({@code block | warn | ignore}).
   */
  public static <T> Setting<T> parsed(String name, String type, Function<String, T> parse, String doc) {
    return parsed(name, type, parse, String::valueOf, doc);
  }

  /** As {@link #parsed(String, String, Function, String)}, with {@code shown} writing a value as configuration does. */
  public static <T> Setting<T> parsed(String name, String type, Function<String, T> parse, Function<T, String> shown,
      String doc) {
    return new Setting<T>(name, type, doc, (s, k) -> {
      String text = s.getString(k, null);
      try {
        return parse.apply(text);
      } catch (IllegalArgumentException e) {
        throw s.error(k, e.getMessage());
      }
    }, shown, null, null);
  }

  /**
   * A mapping to decisions ({@code {ip-address: allow}}), in the order written; each key is parsed by {@code key}
   * (an {@link IllegalArgumentException} from it is the error, located at that entry).
   */
  public static <K> Setting<Map<K, Decision>> decisionMap(String name, String type, Function<String, K> key, String doc) {
    return of(name, type, doc, (s, k) -> entries(s, k, "a decision", key, Decision::parse));
  }

  /** A mapping from names to numbers in {@code [min, max]} ({@code {zh: 0.93}}), in the order written. */
  public static Setting<Map<String, Double>> numberMap(String name, String type, double min, double max, String doc) {
    String expected = "a number between " + plain(min) + " and " + plain(max);
    return of(name, type, doc, (s, k) -> entries(s, k, expected, Function.identity(), v -> {
      double d;
      try {
        d = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected " + expected + ", got '" + v + "'");
      }
      if (!(d >= min && d <= max)) {
        throw new IllegalArgumentException("expected " + expected + ", got " + v);
      }
      return d;
    }));
  }

  /**
   * A setting with structure of its own (a list of rule definitions, a mapping of fields) that the provider parses
   * from the configuration node; the spec still declares and documents it, and unknown keys are still rejected.
   */
  public static Setting<ConfigNode> structured(String name, String type, String doc) {
    return of(name, type, doc, (s, k) -> s.node(k).orElseThrow());
  }

  /** This setting with a default: {@link ScannerSettings#get} returns it when the key is absent. */
  public Setting<T> byDefault(T value) {
    Objects.requireNonNull(value, "default");
    return new Setting<>(name, type, doc, reader, shown, value, shown.apply(value));
  }

  /**
   * This setting with a default the scanner works out when the key is absent (e.g. {@code from the model}); the text
   * is what {@code bulwark scanners} shows. Read it with {@link ScannerSettings#find} and supply the fallback there.
   */
  public Setting<T> defaultDescribed(String text) {
    return new Setting<>(name, type, doc, reader, shown, null, Objects.requireNonNull(text, "text"));
  }

  /** The key in the scanner's configuration block. */
  public String name() {
    return name;
  }

  /** The type as the docs show it: {@code integer 1..1000}, {@code boolean}, {@code block | warn | ignore}, ... */
  public String type() {
    return type;
  }

  /** One line on what it does. */
  public String doc() {
    return doc;
  }

  /** The default value, when one is declared as a value. */
  public java.util.Optional<T> defaultValue() {
    return java.util.Optional.ofNullable(defaultValue);
  }

  /** The default as the docs show it ({@code 10}, {@code from the model}); empty when there is none. */
  public java.util.Optional<String> defaultText() {
    return java.util.Optional.ofNullable(defaultText);
  }

  /** Reads the key, present in {@code settings}; package-private: callers go through {@link ScannerSettings}. */
  T read(ScannerSettings settings) {
    return reader.read(settings, name);
  }

  @Override
  public String toString() {
    return name + " (" + type + (defaultText == null ? "" : ", default " + defaultText) + ")";
  }

  private static <K, V> Map<K, V> entries(ScannerSettings s, String key, String expected, Function<String, K> keys,
      Function<String, V> values) {
    ConfigNode node = s.node(key).orElseThrow();
    if (!(node instanceof ConfigNode.Mapping m)) {
      throw s.error(key, "expected a mapping from name to " + expected + ", found " + node.kind());
    }
    Map<K, V> out = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> e : m.entries().entrySet()) {
      ConfigNode v = e.getValue();
      String where = "scanners." + s.instanceName() + "." + key + "." + e.getKey() + ": ";
      if (!(v instanceof ConfigNode.Scalar sc) || sc.isNull()) {
        throw new ConfigException(v.location(), where + "expected " + expected + ", found " + v.kind());
      }
      try {
        out.put(keys.apply(e.getKey()), values.apply(sc.value()));
      } catch (IllegalArgumentException ex) {
        throw new ConfigException(v.location(), where + ex.getMessage());
      }
    }
    return out;
  }

  private static String requireKey(String name) {
    if (name == null || !name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("a setting's name is lower-case words joined by '-', got '" + name + "'");
    }
    return name;
  }

  private static String plain(double d) {
    return ScannerSettings.plain(d);
  }
}
