package dev.bulwark.codeshield.rules;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where literals occur in one view of a block, each literal looked up once per block (many rules share literals such
 * as {@code exec} or {@code password}). Case-insensitive lookups go to an ASCII-lower-cased copy with the same offsets
 * ({@code java.util.regex} folds only ASCII case unless told otherwise, so that is the matching notion of case).
 */
final class LiteralIndex {
  private static final int[] NONE = new int[0];

  private final String text;
  private String lower;
  private final Map<String, int[]> exact = new HashMap<>();
  private final Map<String, int[]> folded = new HashMap<>();

  LiteralIndex(String text) {
    this.text = text;
  }

  /** Sorted start offsets of every occurrence of any of {@code literals} (lower case unless {@code caseSensitive}). */
  int[] positions(List<String> literals, boolean caseSensitive) {
    if (literals.size() == 1) {
      return positions(literals.get(0), caseSensitive);
    }
    int total = 0;
    int[][] each = new int[literals.size()][];
    for (int i = 0; i < each.length; i++) {
      each[i] = positions(literals.get(i), caseSensitive);
      total += each[i].length;
    }
    int[] all = new int[total];
    int k = 0;
    for (int[] p : each) {
      System.arraycopy(p, 0, all, k, p.length);
      k += p.length;
    }
    Arrays.sort(all);
    return all;
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

  private int[] positions(String literal, boolean caseSensitive) {
    Map<String, int[]> cache = caseSensitive ? exact : folded;
    int[] p = cache.get(literal);
    if (p == null) {
      p = find(caseSensitive ? text : lower(), literal);
      cache.put(literal, p);
    }
    return p;
  }

  private static int[] find(String haystack, String literal) {
    int at = haystack.indexOf(literal);
    if (at < 0) {
      return NONE;
    }
    int[] out = new int[8];
    int n = 0;
    while (at >= 0) {
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      out[n++] = at;
      at = haystack.indexOf(literal, at + 1);
    }
    return Arrays.copyOf(out, n);
  }

  private String lower() {
    if (lower == null) {
      char[] c = text.toCharArray();
      for (int i = 0; i < c.length; i++) {
        if (c[i] >= 'A' && c[i] <= 'Z') {
          c[i] += 'a' - 'A';
        }
      }
      lower = new String(c);
    }
    return lower;
  }
}
