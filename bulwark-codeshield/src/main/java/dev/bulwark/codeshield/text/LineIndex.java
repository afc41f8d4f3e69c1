package dev.bulwark.codeshield.text;

import java.util.Arrays;

/** Maps char offsets of a text to 1-based lines and columns, and lines back to their text. */
public final class LineIndex {
  private final CharSequence text;
  private final int[] lineStarts;

  public LineIndex(CharSequence text) {
    this.text = text;
    int[] starts = new int[16];
    int n = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, n);
  }

  /** 1-based line of {@code offset}. */
  public int lineOf(int offset) {
    int i = Arrays.binarySearch(lineStarts, Math.max(0, Math.min(offset, text.length())));
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** 1-based column of {@code offset} within its line. */
  public int columnOf(int offset) {
    return offset - lineStarts[lineOf(offset) - 1] + 1;
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** Char offset where 1-based {@code line} starts. */
  public int lineStart(int line) {
    return lineStarts[Math.max(1, Math.min(line, lineStarts.length)) - 1];
  }

  /** Char offset of the end of 1-based {@code line}, before its newline (and a CR before it). */
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
