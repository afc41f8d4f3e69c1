package dev.bulwark.core;

import java.util.Objects;

/**
 * One thing a scanner found.
 *
 * @param rule the rule that fired, e.g. {@code python.subprocess-shell-true} or {@code pii.email}
 * @param category what kind of problem: a CWE ({@code CWE-78}), a hazard code ({@code S1}), {@code injection}, ...
 * @param line 1-based line in the scanned text, or null
 * @param start char offset of the first character in the scanned text, or null
 * @param end char offset after the last character, or null
 * @param severity how serious, or null when the scanner does not grade
 * @param message a short human-readable description; never the whole input
 */
public record Finding(
    String rule, String category, Integer line, Integer start, Integer end, Severity severity, String message) {

  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
    if (start != null && end != null && end < start) {
      throw new IllegalArgumentException("finding span ends before it starts: " + start + ".." + end);
    }
  }

  /** A finding over {@code [start, end)} of {@code text}, with its 1-based line computed from the text. */
  public static Finding at(
      String rule, String category, CharSequence text, int start, int end, Severity severity, String message) {
    return new Finding(rule, category, lineOf(text, start), start, end, severity, message);
  }

  /** A finding over {@code [start, end)}, its line looked up in a prebuilt index (for scanners that report many). */
  public static Finding at(
      String rule, String category, dev.bulwark.text.LineIndex lines, int start, int end, Severity severity,
      String message) {
    return new Finding(rule, category, lines.lineOf(start), start, end, severity, message);
  }

  /** The 1-based line containing char offset {@code offset}. */
  public static int lineOf(CharSequence text, int offset) {
    int line = 1;
    int limit = Math.min(offset, text.length());
    for (int i = 0; i < limit; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
