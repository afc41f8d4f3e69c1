package dev.bulwark.text;

import java.util.Arrays;

/**
 * Maps char offsets of a text to 1-based lines and columns, and lines back to their text: one pass over the text,
 * then a binary search per lookup. Offsets outside the text are clamped to it.
 */
public final class LineIndex {
  private final CharSequence text;
  private final int[] lineStarts;

  private LineIndex(CharSequence text, int[] lineStarts) {
    this.text = text;
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
    return new LineIndex(text, Arrays.copyOf(starts, count));
  }

  /** The 1-based line of {@code offset}. */
  public int lineOf(int offset) {
    int i = Arrays.binarySearch(lineStarts, Math.max(0, Math.min(offset, text.length())));
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** The 1-based column of {@code offset} on its line. */
  public int columnOf(int offset) {
    return Math.max(0, Math.min(offset, text.length())) - lineStarts[lineOf(offset) - 1] + 1;
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** The char offset where 1-based {@code line} starts. */
  public int lineStart(int line) {
    return lineStarts[Math.max(1, Math.min(line, lineStarts.length)) - 1];
  }

  /** The char offset of the end of 1-based {@code line}, before its newline (and a CR before it). */
  public int lineEnd(int line) {
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    if (end > lineStart(line) && text.charAt(end - 1) == '\r') {
      end--;
    }
    return end;
  }

  /** The text of 1-based {@code line}, without its line break. */
  public String line(int line) {
    return text.subSequence(lineStart(line), lineEnd(line)).toString();
  }
}
