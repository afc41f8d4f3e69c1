package dev.bulwark.text;

/**
 * Joins letters spaced out to dodge word matching: "I g n o r e", "i.g.n.o.r.e", "i-g-n-o-r-e", "i_g_n_o_r_e". A run
 * is three or more single letters with the same separator between each (one to three of {@code space . - _ * | / + ~
 * ·}); the letters are written together and the separators dropped. A wider gap after the run ("I g n o r e  a l l")
 * stays a word break. Zero-width splits need nothing here: the invisible stage has already dropped them.
 */
public final class SeparatorStage implements TextStage {
  /** Fewer single letters than this are initials or list items ("A. B."), not a spaced-out word. */
  static final int MIN_LETTERS = 3;
  private static final int MAX_SEPARATOR = 3;

  @Override
  public String name() {
    return "separators";
  }

  @Override
  public boolean mayChange(String text) {
    // Ordered so that ordinary prose fails fast: most separators follow a word of several letters.
    int n = text.length();
    char before = ' ';
    char current = n > 0 ? text.charAt(0) : ' ';
    for (int i = 0; i + 4 < n; i++) {
      char next = text.charAt(i + 1);
      if (isSeparator(next) && !isWordChar(before) && Character.isLetter(current) && runEnd(text, i) > 0) {
        return true;
      }
      before = current;
      current = next;
    }
    return false;
  }

  @Override
  public void apply(String text, ViewBuilder out) {
    int n = text.length();
    int copied = 0;
    int i = 0;
    while (i + 4 < n) {
      if (!(isSeparator(text.charAt(i + 1)) && Character.isLetter(text.charAt(i)))) {
        i++;
        continue;
      }
      int end = runEnd(text, i);
      if (end < 0) {
        i++;
        continue;
      }
      out.copy(copied, i);
      int sepLength = separatorLength(text, i + 1);
      for (int at = i; at < end; at += 1 + sepLength) {
        if (at > i) {
          out.drop(); // the separator before this letter
        }
        out.copy(at, at + 1);
      }
      copied = end;
      i = end;
    }
    out.copy(copied, n);
  }

  /**
   * The end (exclusive) of a spaced-out run whose first letter is at {@code start}, or -1: the letter must stand alone
   * (no letter or digit just before it), and so must every letter of the run.
   */
  private static int runEnd(String text, int start) {
    if (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
      return -1;
    }
    int sepLength = separatorLength(text, start + 1);
    if (sepLength == 0) {
      return -1;
    }
    int n = text.length();
    int letters = 1;
    int at = start;
    while (true) {
      int next = at + 1 + sepLength;
      if (next >= n || !text.regionMatches(at + 1, text, start + 1, sepLength) || !Character.isLetter(text.charAt(next))
          || (next + 1 < n && Character.isLetterOrDigit(text.charAt(next + 1)))) {
        break;
      }
      at = next;
      letters++;
    }
    return letters >= MIN_LETTERS ? at + 1 : -1;
  }

  /** The length of the separator starting at {@code at}: up to three identical separator chars. */
  private static int separatorLength(String text, int at) {
    if (at >= text.length() || !isSeparator(text.charAt(at))) {
      return 0;
    }
    char c = text.charAt(at);
    int k = 1;
    while (k < MAX_SEPARATOR && at + k < text.length() && text.charAt(at + k) == c) {
      k++;
    }
    return k;
  }

  private static final boolean[] ASCII_SEPARATOR = new boolean[128];

  static {
    for (char c : " .-_*|/+~".toCharArray()) {
      ASCII_SEPARATOR[c] = true;
    }
  }

  private static boolean isSeparator(char c) {
    return c < 128 ? ASCII_SEPARATOR[c] : c == '\u00B7';
  }

  private static boolean isWordChar(char c) {
    return c < 128 ? Ascii.isLetter(c) || (c >= '0' && c <= '9') : Character.isLetterOrDigit(c);
  }
}
