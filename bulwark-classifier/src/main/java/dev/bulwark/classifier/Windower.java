package dev.bulwark.classifier;

import java.util.ArrayList;
import java.util.List;

/**
 * The window stage: cuts a token sequence into overlapping windows that together cover every token, so long inputs
 * are scored whole instead of being truncated (Prompt Guard's own wrapper keeps only the first 512 tokens; its
 * cookbook utility cuts without overlap, so a phrase across a boundary can be missed).
 *
 * <p>Windows hold at most {@code size} content tokens and start every {@code size - overlap} tokens; the last window
 * is aligned to the end of the input, so it is full-size and no tail is left out.
 */
public final class Windower {
  private final int size;
  private final int overlap;

  /**
   * @param size content tokens per window (the model's maximum minus its special tokens)
   * @param overlap tokens shared by neighbouring windows; less than {@code size}
   */
  public Windower(int size, int overlap) {
    if (size < 1) {
      throw new IllegalArgumentException("window size must be at least 1, got " + size);
    }
    if (overlap < 0 || overlap >= size) {
      throw new IllegalArgumentException("window overlap must be in [0, " + size + "), got " + overlap);
    }
    this.size = size;
    this.overlap = overlap;
  }

  public int size() {
    return size;
  }

  public int overlap() {
    return overlap;
  }

  /** The windows over {@code tokens}; one empty window for an empty input, so every input gets a score. */
  public List<TokenWindow> windows(Tokens tokens) {
    int n = tokens.size();
    List<TokenWindow> out = new ArrayList<>();
    if (n == 0) {
      out.add(new TokenWindow(0, 0, 0, 0, 0));
      return out;
    }
    int stride = size - overlap;
    int start = 0;
    while (true) {
      int end = Math.min(n, start + size);
      if (end == n) {
        start = Math.max(0, n - size);
      }
      out.add(new TokenWindow(out.size(), start, end, tokens.charStart()[start], tokens.charEnd()[end - 1]));
      if (end == n) {
        return out;
      }
      start += stride;
    }
  }
}
