package dev.bulwark.text;

import java.util.Arrays;

/**
 * Where each char of a normalised view came from: view char {@code i} stands for the original chars
 * {@code [start(i), end(i))}. Every stage of a {@link TextChain} writes one of these, and the chain composes them, so a
 * span found anywhere in the final view maps back to a span of the text the user sent.
 *
 * <p>Invariants, whatever the stages did (drop, expand, merge): starts are non-decreasing, {@code start(i) < end(i)}
 * for chars that came from text, and every offset lies in {@code [0, originalLength]}. A span mapped back is therefore
 * always a valid, non-inverted range of the original. The identity map (the common case: nothing changed) holds no
 * arrays.
 */
public final class OffsetMap {
  private final int originalLength;
  private final int viewLength;
  private final int[] starts;
  private final int[] ends;

  private OffsetMap(int originalLength, int viewLength, int[] starts, int[] ends) {
    this.originalLength = originalLength;
    this.viewLength = viewLength;
    this.starts = starts;
    this.ends = ends;
  }

  /** The map of a view equal to its original. */
  public static OffsetMap identity(int length) {
    return new OffsetMap(length, length, null, null);
  }

  /** A map from per-char source spans; the arrays are owned by the map from here on. */
  static OffsetMap of(int originalLength, int viewLength, int[] starts, int[] ends) {
    return new OffsetMap(originalLength, viewLength, starts, ends);
  }

  public boolean isIdentity() {
    return starts == null;
  }

  public int originalLength() {
    return originalLength;
  }

  public int viewLength() {
    return viewLength;
  }

  /** The original offset where view offset {@code index} begins; the original's length at the end of the view. */
  public int originalStart(int index) {
    check(index);
    if (starts == null) {
      return index;
    }
    return index == viewLength ? originalLength : starts[index];
  }

  /**
   * The original offset (exclusive) where a view span ending at {@code end} (exclusive) ends: the end of the last view
   * char's source. Dropped characters just after the span are not included.
   */
  public int originalEnd(int end) {
    check(end);
    if (starts == null) {
      return end;
    }
    return end == 0 ? (viewLength == 0 ? originalLength : starts[0]) : ends[end - 1];
  }

  /** The original span of view span {@code [start, end)}. */
  public Span originalSpan(int start, int end) {
    if (end < start) {
      throw new IllegalArgumentException("inverted span [" + start + ", " + end + ")");
    }
    int s = originalStart(start);
    int e = start == end ? s : originalEnd(end);
    return new Span(s, Math.max(s, e));
  }

  /**
   * This map followed by {@code next}, a map whose original is this map's view: the result maps {@code next}'s view
   * straight to this map's original.
   */
  public OffsetMap then(OffsetMap next) {
    if (next.originalLength != viewLength) {
      throw new IllegalArgumentException("next map reads " + next.originalLength + " chars, this view has " + viewLength);
    }
    if (next.starts == null) {
      return this;
    }
    if (starts == null) {
      return new OffsetMap(originalLength, next.viewLength, next.starts, next.ends);
    }
    int n = next.viewLength;
    int[] s = new int[n];
    int[] e = new int[n];
    for (int i = 0; i < n; i++) {
      s[i] = originalStart(next.starts[i]);
      e[i] = originalEnd(next.ends[i]);
    }
    return new OffsetMap(originalLength, n, s, e);
  }

  private void check(int index) {
    if (index < 0 || index > viewLength) {
      throw new IndexOutOfBoundsException("view offset " + index + " outside [0, " + viewLength + "]");
    }
  }

  @Override
  public String toString() {
    return starts == null ? "identity(" + viewLength + ")"
        : "OffsetMap" + Arrays.toString(Arrays.copyOf(starts, Math.min(viewLength, 32))) + (viewLength > 32 ? "..." : "");
  }
}
