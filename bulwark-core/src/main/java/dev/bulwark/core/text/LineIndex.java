package dev.bulwark.core.text;

import java.util.Arrays;

/** Maps char offsets to 1-based line numbers with one pass over the text and a binary search per lookup. */
public final class LineIndex {
  private final int[] lineStarts;

  private LineIndex(int[] lineStarts) {
    this.lineStarts = lineStarts;
  }

  public static LineIndex of(CharSequence text) {
    int[] starts = new int[16];
    int count = 1;
    for (int i = 0, n = text.length(); i < n; i++) {
      if (text.charAt(i) == '\n') {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
    }
    return new LineIndex(Arrays.copyOf(starts, count));
  }

  /** The 1-based line of {@code offset}. */
  public int lineOf(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** The 1-based column of {@code offset} on its line. */
  public int columnOf(int offset) {
    return offset - lineStarts[lineOf(offset) - 1] + 1;
  }

  public int lineCount() {
    return lineStarts.length;
  }
}
