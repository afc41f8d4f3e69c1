package dev.bulwark.classifier.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How much benign traffic a detector flags at its threshold: overall and per language, message length band, role and
 * kind. Over-defense shows here first: a guardrail that flags greetings or one language gets switched off.
 */
public final class FlagRates {
  /** The attribute carrying a row's length band (see {@link #lengthBand}). */
  public static final String LENGTH = "length";

  private FlagRates() {}

  /** The band of a text of {@code chars} characters. */
  public static String lengthBand(int chars) {
    if (chars <= 20) {
      return "0001-0020";
    } else if (chars <= 80) {
      return "0021-0080";
    } else if (chars <= 300) {
      return "0081-0300";
    } else if (chars <= 1500) {
      return "0301-1500";
    }
    return "1501+";
  }

  /**
   * Flag rates of the negatives of {@code examples} at {@code threshold}: key {@code overall}, then {@code lang=..},
   * {@code length=..}, {@code role=..} and {@code category=..} (see {@link #kind}), each as a share in [0, 1].
   */
  public static Map<String, Double> of(List<ScoredExample> examples, double threshold) {
    List<ScoredExample> neg = examples.stream().filter(e -> !e.positive()).toList();
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("overall", rate(neg, threshold));
    out.put("count", (double) neg.size());
    slice(out, "lang", neg, e -> e.attribute("lang"), threshold);
    slice(out, LENGTH, neg, e -> e.attribute(LENGTH), threshold);
    slice(out, "role", neg, e -> e.attribute("role"), threshold);
    slice(out, "category", neg, e -> kind(e.attribute("category")), threshold);
    return out;
  }

  /** A text table of {@link #of}: slice, rows, flagged share in percent. */
  public static String format(List<ScoredExample> examples, double threshold) {
    List<ScoredExample> neg = examples.stream().filter(e -> !e.positive()).toList();
    StringBuilder sb = new StringBuilder(String.format("%-40s %7s %9s%n", "benign slice", "rows", "flagged"));
    Map<String, List<ScoredExample>> groups = new LinkedHashMap<>();
    groups.put("overall", neg);
    for (String key : List.of("lang", LENGTH, "role", "category")) {
      Map<String, List<ScoredExample>> by = new TreeMap<>();
      for (ScoredExample e : neg) {
        String v = key.equals("category") ? kind(e.attribute("category")) : e.attribute(key);
        if (!v.isEmpty()) {
          by.computeIfAbsent(key + "=" + v, k -> new java.util.ArrayList<>()).add(e);
        }
      }
      groups.putAll(by);
    }
    groups.forEach((name, rows) -> sb.append(String.format("%-40s %7d %8.2f%%%n", name, rows.size(), 100 * rate(rows, threshold))));
    return sb.toString();
  }

  private static void slice(Map<String, Double> out, String key, List<ScoredExample> neg, Function<ScoredExample, String> value,
      double threshold) {
    Map<String, List<ScoredExample>> by = new TreeMap<>();
    for (ScoredExample e : neg) {
      String v = value.apply(e);
      if (!v.isEmpty()) {
        by.computeIfAbsent(v, k -> new java.util.ArrayList<>()).add(e);
      }
    }
    by.forEach((v, rows) -> out.put(key + "=" + v, rate(rows, threshold)));
  }

  /** The project's everyday corpus keeps its kind ("everyday:greetings"); other categories their first part. */
  private static String kind(String category) {
    String[] p = category.split(":", 3);
    return p[0].equals("everyday") && p.length > 1 ? p[0] + ":" + p[1] : p[0];
  }

  private static double rate(List<ScoredExample> rows, double threshold) {
    if (rows.isEmpty()) {
      return 0;
    }
    long flagged = rows.stream().filter(e -> e.score() >= threshold).count();
    return (double) flagged / rows.size();
  }
}
