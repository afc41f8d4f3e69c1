package dev.bulwark.codeshield.rules;

import java.util.Arrays;

/**
 * The positions of a text grouped by the two chars that start there, ASCII case folded (a counting sort into one
 * bucket per pair; non-ASCII chars share one class). Built once per block, it answers "where could this literal
 * start?" for every rule literal by looking at one bucket instead of scanning the text again.
 */
final class PairIndex {
  private static final int PAIRS = 128 * 128;

  private final int[] bucketStart = new int[PAIRS + 1];
  private final int[] positions;

  PairIndex(String text) {
    int n = Math.max(0, text.length() - 1);
    int[] keys = new int[n];
    int key = n > 0 ? fold(text.charAt(0)) : 0;
    for (int i = 0; i < n; i++) {
      int next = fold(text.charAt(i + 1));
      keys[i] = key << 7 | next;
      bucketStart[keys[i] + 1]++;
      key = next;
    }
    for (int k = 0; k < PAIRS; k++) {
      bucketStart[k + 1] += bucketStart[k];
    }
    positions = new int[n];
    int[] fill = Arrays.copyOf(bucketStart, PAIRS);
    for (int i = 0; i < n; i++) {
      positions[fill[keys[i]]++] = i;
    }
  }

  private static int fold(char c) {
    if (c >= 128) {
      return 127;
    }
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }

  /** Start and end (exclusive) in {@link #positions} of the bucket of {@code literal}'s first two chars. */
  int bucketFrom(String literal) {
    return bucketStart[fold(literal.charAt(0)) << 7 | fold(literal.charAt(1))];
  }

  int bucketTo(String literal) {
    return bucketStart[(fold(literal.charAt(0)) << 7 | fold(literal.charAt(1))) + 1];
  }

  int position(int k) {
    return positions[k];
  }
}
