package dev.bulwark.core;

import java.time.Duration;
import java.util.Locale;

/** Parses the durations configuration uses: {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 1m}. */
public final class Durations {
  private Durations() {}

  public static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 2).trim()) * 1e6));
      }
      if (t.endsWith("s")) {
        return Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 1e9));
      }
      if (t.endsWith("m")) {
        return Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 60e9));
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        "expected a duration such as 250ms, 2s or 1m, got '" + text + "'");
  }

  public static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 && ms > 0 ? (ms / 1000) + "s" : ms + "ms";
  }
}
