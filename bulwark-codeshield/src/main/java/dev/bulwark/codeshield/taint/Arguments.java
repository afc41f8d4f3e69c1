package dev.bulwark.codeshield.taint;

import java.util.ArrayList;
import java.util.List;

/** Bracket matching and top-level comma splitting on text whose string contents are blanked. */
final class Arguments {
  private Arguments() {}

  /** The index of the bracket closing the one at {@code open}, or the text's length when it is never closed. */
  static int closing(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return s.length();
  }

  /** The index of the bracket that closes the call whose arguments include position {@code from}, or the length. */
  static int enclosingClose(String s, int from) {
    int depth = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
    }
    return s.length();
  }

  /**
   * Where the receiver of a method call at {@code dot} starts: back over names, dots, {@code ?}/{@code !} and balanced
   * brackets ({@code a.b(c)[0]?.d}).
   */
  static int receiverStart(String s, int dot) {
    int i = dot - 1;
    while (i >= 0) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '?' || c == '!') {
        i--;
      } else if (c == ')' || c == ']') {
        int depth = 0;
        while (i >= 0) {
          char d = s.charAt(i);
          if (d == ')' || d == ']') {
            depth++;
          } else if (d == '(' || d == '[') {
            depth--;
            if (depth == 0) {
              break;
            }
          }
          i--;
        }
        i--;
      } else {
        break;
      }
    }
    return i + 1;
  }

  /** The ranges {@code [from, to)} of the comma-separated items between {@code from} and {@code to}. */
  static List<int[]> ranges(String s, int from, int to) {
    List<int[]> out = new ArrayList<>();
    int depth = 0;
    int start = from;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth = Math.max(0, depth - 1);
      } else if (c == ',' && depth == 0) {
        out.add(new int[] {start, i});
        start = i + 1;
      }
    }
    if (to > start && !s.substring(start, to).isBlank()) {
      out.add(new int[] {start, to});
    }
    return out;
  }

  /** The comma-separated items of {@code s}, as text. */
  static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    for (int[] r : ranges(s, 0, s.length())) {
      out.add(s.substring(r[0], r[1]));
    }
    return out;
  }
}
