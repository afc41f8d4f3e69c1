package dev.bulwark.eval.report;

import java.util.Locale;

/** Escaping and number formatting for the report's HTML and SVG. */
final class Markup {
  private Markup() {}

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // control characters are not allowed in XML (SVG) text
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            out.append(' ');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** Whole numbers without decimals, values under 10 with two, larger ones with one. */
  static String number(double v, String unit) {
    String n = v == Math.rint(v) && Math.abs(v) < 1e9 ? String.format(Locale.ROOT, "%.0f", v)
        : Math.abs(v) < 10 ? String.format(Locale.ROOT, "%.2f", v)
        : String.format(Locale.ROOT, "%.1f", v);
    return unit.isEmpty() ? n : n + unit;
  }

  /** A coordinate: one decimal is sub-pixel enough. */
  static String px(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
