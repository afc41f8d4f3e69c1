package dev.bulwark.codeshield.rules;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where literals occur in one view of a block, each literal looked up once per block (many rules share literals such
 * as {@code exec} or {@code password}). Case-insensitive means ASCII case only, as {@code java.util.regex} folds case
 * unless told otherwise.
 *
 * <p>A language has a hundred or more rule literals, and one {@code indexOf} pass per literal over a 100 KB text adds
 * up to milliseconds. Instead every view of a block shares one {@link PairIndex} of the original text: a literal's
 * candidates are the positions where its first two chars occur there, checked against this view (the views only
 * differ from the original by blanks, so a literal without spaces occurs in a view only where it occurs in the
 * original; literals with spaces are searched directly).
 */
final class LiteralIndex {
  private static final int[] NONE = new int[0];

  private final String text;
  private final PairIndex pairs;
  private final Map<String, int[]> exact = new HashMap<>();
  private final Map<String, int[]> folded = new HashMap<>();

  /**
   * @param text this view
   * @param pairs the pair index of the original text, whose view this is
   */
  LiteralIndex(String text, PairIndex pairs) {
    this.text = text;
    this.pairs = pairs;
  }

  /** Whether any of {@code literals} occurs with its start in {@code [from, to)}. */
  boolean occursIn(List<String> literals, boolean caseSensitive, int from, int to) {
    for (String l : literals) {
      int[] p = positions(l, caseSensitive);
      int i = Arrays.binarySearch(p, from);
      int at = i >= 0 ? i : -i - 1;
      if (at < p.length && p[at] < to) {
        return true;
      }
    }
    return false;
  }

  /** Sorted start offsets of {@code literal} (lower case unless {@code caseSensitive}). */
  int[] positions(String literal, boolean caseSensitive) {
    Map<String, int[]> cache = caseSensitive ? exact : folded;
    int[] p = cache.get(literal);
    if (p == null) {
      p = literal.length() == 1 ? scanChar(literal.charAt(0)) : lookUp(literal, caseSensitive);
      cache.put(literal, p);
    }
    return p;
  }

  /**
   * Candidates from the pair index: the first two adjacent chars of the literal that are not spaces (a view has spaces
   * where the original has comments or string contents, so only its other chars are sure to be in the original).
   */
  private int[] lookUp(String literal, boolean caseSensitive) {
    int skip = 0;
    while (skip + 1 < literal.length() && (literal.charAt(skip) == ' ' || literal.charAt(skip + 1) == ' ')) {
      skip++;
    }
    if (skip + 1 >= literal.length()) {
      return scan(literal, caseSensitive);
    }
    String pair = literal.substring(skip, skip + 2);
    int from = pairs.bucketFrom(pair);
    int to = pairs.bucketTo(pair);
    int[] out = NONE;
    int n = 0;
    for (int k = from; k < to; k++) {
      int at = pairs.position(k) - skip;
      if (at >= 0 && occursAt(literal, at, caseSensitive)) {
        if (n == out.length) {
          out = Arrays.copyOf(out, Math.min(to - from, Math.max(8, n * 2)));
        }
        out[n++] = at;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private int[] scanChar(char c) {
    int[] out = NONE;
    int n = 0;
    for (int at = text.indexOf(c); at >= 0; at = text.indexOf(c, at + 1)) {
      if (n == out.length) {
        out = Arrays.copyOf(out, Math.max(8, n * 2));
      }
      out[n++] = at;
    }
    return Arrays.copyOf(out, n);
  }

  private int[] scan(String literal, boolean caseSensitive) {
    int[] out = NONE;
    int n = 0;
    for (int at = 0; at + literal.length() <= text.length(); at++) {
      if (occursAt(literal, at, caseSensitive)) {
        if (n == out.length) {
          out = Arrays.copyOf(out, Math.max(8, n * 2));
        }
        out[n++] = at;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** {@code literal} is lower case when not {@code caseSensitive}; only ASCII letters fold. */
  private boolean occursAt(String literal, int at, boolean caseSensitive) {
    int len = literal.length();
    if (at + len > text.length()) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      char c = text.charAt(at + i);
      if (!caseSensitive && c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != literal.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
