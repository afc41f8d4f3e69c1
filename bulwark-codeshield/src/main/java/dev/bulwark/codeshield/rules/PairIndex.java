package dev.bulwark.codeshield.rules;

import java.util.Arrays;

/**
 * The positions of a text grouped by the two chars that start there, ASCII case folded (non-ASCII chars share one
 * class). Built once per block, it answers "where could this literal start?" for every rule literal by looking at one
 * bucket instead of scanning the text again.
 *
 * <p>Two layouts with the same answers: long texts get a counting sort into one bucket per pair (linear, but its
 * 16,384-bucket table costs the same for ten chars as for ten thousand); short texts, such as the many small pieces of
 * a streamed answer, sort their (pair, position) keys and find a bucket by binary search.
 */
final class PairIndex {
  private static final int PAIRS = 128 * 128;
  /** Below this length sorting the keys is cheaper than filling and summing the bucket table. */
  private static final int SORTED_BELOW = 2048;

  /** Counting layout: bucket k is positions[bucketStart[k], bucketStart[k + 1]). */
  private final int[] bucketStart;
  /** Sorted layout: the pair of positions[i], ascending (positions ascending within a pair, as in the other layout). */
  private final int[] sortedPairs;
  private final int[] positions;

  PairIndex(String text) {
    this(text, SORTED_BELOW);
  }

  /** With the layout switch given, so a test can build both layouts of one text. */
  PairIndex(String text, int sortedBelow) {
    int n = Math.max(0, text.length() - 1);
    int[] keys = new int[n];
    int key = n > 0 ? fold(text.charAt(0)) : 0;
    for (int i = 0; i < n; i++) {
      int next = fold(text.charAt(i + 1));
      keys[i] = key << 7 | next;
      key = next;
    }
    positions = new int[n];
    if (n < sortedBelow) {
      long[] packed = new long[n];
      for (int i = 0; i < n; i++) {
        packed[i] = (long) keys[i] << 32 | i;
      }
      Arrays.sort(packed);
      sortedPairs = new int[n];
      for (int i = 0; i < n; i++) {
        sortedPairs[i] = (int) (packed[i] >>> 32);
        positions[i] = (int) packed[i];
      }
      bucketStart = null;
    } else {
      sortedPairs = null;
      bucketStart = new int[PAIRS + 1];
      for (int i = 0; i < n; i++) {
        bucketStart[keys[i] + 1]++;
      }
      for (int k = 0; k < PAIRS; k++) {
        bucketStart[k + 1] += bucketStart[k];
      }
      int[] fill = Arrays.copyOf(bucketStart, PAIRS);
      for (int i = 0; i < n; i++) {
        positions[fill[keys[i]]++] = i;
      }
    }
  }

  private static int fold(char c) {
    if (c >= 128) {
      return 127;
    }
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }

  private static int pairOf(String literal) {
    return fold(literal.charAt(0)) << 7 | fold(literal.charAt(1));
  }

  /** Start and end (exclusive) in {@link #positions} of the bucket of {@code literal}'s first two chars. */
  int bucketFrom(String literal) {
    int pair = pairOf(literal);
    return bucketStart != null ? bucketStart[pair] : firstAtLeast(pair);
  }

  int bucketTo(String literal) {
    int pair = pairOf(literal);
    return bucketStart != null ? bucketStart[pair + 1] : firstAtLeast(pair + 1);
  }

  int position(int k) {
    return positions[k];
  }

  /** The first index in {@link #sortedPairs} whose pair is at least {@code pair}. */
  private int firstAtLeast(int pair) {
    int lo = 0;
    int hi = sortedPairs.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sortedPairs[mid] < pair) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
