package dev.bulwark.core.stream;

import java.util.Arrays;

/**
 * A streamed answer as it grows: its text, where its lines start, and its word breaks, all kept up to date in time
 * linear in what is appended.
 *
 * <p>A <em>quiet break</em> is a position after a run of ASCII whitespace where the rule scanners' verdicts cannot
 * depend on what comes next: the words on both sides have at least two characters (so no spaced-out "i g n o r e"
 * run is cut) and the last character before the whitespace and the first after it are not digits (so no card,
 * phone or account number written in groups is cut). A <em>sentence break</em> is a quiet break after {@code .},
 * {@code !}, {@code ?} or {@code …}, or whose whitespace holds a line break.
 */
public final class AnswerText implements CharSequence {
  private final StringBuilder text = new StringBuilder();
  private int[] lineStarts = {0};
  private int lines = 1;
  private int nextCandidate = 1;
  private int lastQuiet;
  private int lastSentence;

  public void append(CharSequence chunk) {
    int from = text.length();
    text.append(chunk);
    for (int i = from, n = text.length(); i < n; i++) {
      if (text.charAt(i) == '\n') {
        if (lines == lineStarts.length) {
          lineStarts = Arrays.copyOf(lineStarts, lines * 2);
        }
        lineStarts[lines++] = i + 1;
      }
    }
    // A break at p needs text[p + 1]: test every position whose right side is now known, once.
    for (int p = nextCandidate, limit = text.length() - 1; p < limit; p++) {
      int kind = breakAt(p);
      if (kind > 0) {
        lastQuiet = p;
        if (kind == 2) {
          lastSentence = p;
        }
      }
    }
    nextCandidate = Math.max(nextCandidate, text.length() - 1);
  }

  /** The latest quiet break, or 0. */
  public int lastQuietBreak() {
    return lastQuiet;
  }

  /** The latest sentence break, or 0. */
  public int lastSentenceBreak() {
    return lastSentence;
  }

  /** The latest quiet break at or before {@code at} within {@code reach} characters, or -1. */
  public int quietBreakAtOrBefore(int at, int reach) {
    for (int p = Math.min(at, text.length() - 2), limit = Math.max(1, at - reach); p >= limit; p--) {
      if (breakAt(p) > 0) {
        return p;
      }
    }
    return -1;
  }

  /** The 1-based line of offset {@code at}. */
  public int lineOf(int at) {
    int i = Arrays.binarySearch(lineStarts, 0, lines, at);
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** 0: no break at p; 1: a quiet break; 2: a sentence break. Needs 1 <= p < length - 1. */
  private int breakAt(int p) {
    if (!isSpace(text.charAt(p - 1)) || isSpace(text.charAt(p)) || isSpace(text.charAt(p + 1))) {
      return 0;
    }
    int q = p - 1;
    boolean newline = false;
    while (q > 0 && isSpace(text.charAt(q - 1))) {
      newline |= text.charAt(q - 1) == '\n';
      q--;
    }
    newline |= text.charAt(p - 1) == '\n';
    if (q < 2 || isSpace(text.charAt(q - 2))) {
      return 0;
    }
    char before = text.charAt(q - 1);
    if (Character.isDigit(before) || Character.isDigit(text.charAt(p))) {
      return 0;
    }
    return newline || before == '.' || before == '!' || before == '?' || before == '…' ? 2 : 1;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public char charAt(int index) {
    return text.charAt(index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.subSequence(start, end);
  }

  public String substring(int start, int end) {
    return text.substring(start, end);
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
