package dev.bulwark.server.metrics;

import java.util.List;

/** One metric family as Prometheus shows it: a name, a help line, a type and its samples. */
abstract class Metric {
  final String name;
  private final String help;
  private final String type;

  Metric(String name, String help, String type) {
    this.name = name;
    this.help = help;
    this.type = type;
  }

  public final String name() {
    return name;
  }

  public final String help() {
    return help;
  }

  /** {@code counter}, {@code gauge} or {@code histogram}. */
  public final String type() {
    return type;
  }

  /** Appends the family's sample lines (without HELP/TYPE). */
  abstract void writeSamples(StringBuilder out);

  /** Label names, in order, for the label values a family's children are keyed by. */
  static void labels(StringBuilder out, List<String> names, List<String> values, String extraName, String extraValue) {
    if (names.isEmpty() && extraName == null) {
      return;
    }
    out.append('{');
    boolean first = true;
    for (int i = 0; i < names.size(); i++) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append(names.get(i)).append("=\"");
      escape(out, values.get(i));
      out.append('"');
    }
    if (extraName != null) {
      if (!first) {
        out.append(',');
      }
      out.append(extraName).append("=\"").append(extraValue).append('"');
    }
    out.append('}');
  }

  /** Label values escape backslash, double quote and newline (the exposition format's rule). */
  private static void escape(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  /** Prometheus floats: integers without a fraction, +Inf spelled as the format wants. */
  static String number(double v) {
    if (v == Double.POSITIVE_INFINITY) {
      return "+Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
