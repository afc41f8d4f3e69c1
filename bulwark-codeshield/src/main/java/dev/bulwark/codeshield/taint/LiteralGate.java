package dev.bulwark.codeshield.taint;

import dev.bulwark.codeshield.rules.RequiredLiterals;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rules a taint pattern out of a statement without running it: one of the literals it requires must occur
 * ({@link RequiredLiterals}). Each pattern (sources, sanitizers, guards, sinks, propagators) is tried on a statement only
 * when one of its literals is in it; {@code String.contains} on a few literals costs a fraction of trying a long
 * alternation at every position of the statement, once per statement and pattern.
 */
final class LiteralGate {
  private static final LiteralGate ALWAYS = new LiteralGate(null, false);
  private static final Map<String, LiteralGate> BY_REGEX = new ConcurrentHashMap<>();
  /** Rules are few; a directory of extra rules with more distinct patterns than this is gated without a cache. */
  private static final int MAX_CACHED = 4_096;

  /** Null when nothing is known (the pattern may match anywhere). */
  private final List<String> literals;
  /** Whether the literals are lower case, to be looked for in the lower-cased statement. */
  private final boolean folded;

  private LiteralGate(List<String> literals, boolean folded) {
    this.literals = literals;
    this.folded = folded;
  }

  /** The gate of a regex compiled without {@code CASE_INSENSITIVE} (as the rule loader compiles taint patterns). */
  static LiteralGate of(String regex) {
    if (regex == null) {
      return ALWAYS;
    }
    LiteralGate g = BY_REGEX.get(regex);
    if (g == null) {
      List<String> exact = RequiredLiterals.ofCaseSensitive(regex);
      List<String> lower = exact == null ? RequiredLiterals.of(regex) : null;
      g = exact != null ? new LiteralGate(exact, false) : lower != null ? new LiteralGate(lower, true) : ALWAYS;
      if (BY_REGEX.size() < MAX_CACHED) {
        BY_REGEX.put(regex, g);
      }
    }
    return g;
  }

  /** Whether the pattern may match somewhere in {@code text}. */
  boolean mayMatch(Text text) {
    if (literals == null) {
      return true;
    }
    String s = folded ? text.lower() : text.text;
    for (String l : literals) {
      if (s.contains(l)) {
        return true;
      }
    }
    return false;
  }

  /** A statement as the gates read it, lower-cased (ASCII, as {@link RequiredLiterals} compares) only when asked. */
  static final class Text {
    final String text;
    private String lower;

    Text(String text) {
      this.text = text;
    }

    String lower() {
      if (lower == null) {
        char[] out = text.toCharArray();
        for (int i = 0; i < out.length; i++) {
          if (out[i] >= 'A' && out[i] <= 'Z') {
            out[i] = (char) (out[i] + ('a' - 'A'));
          }
        }
        lower = new String(out);
      }
      return lower;
    }
  }
}
