package dev.bulwark.codeshield.taint;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a block into statements, in order, on the view with comments and string contents blanked: a statement ends at
 * {@code ;}, at a brace, or at a line break outside parentheses and brackets unless the line clearly continues (a
 * trailing operator or comma, or a next line that starts with {@code .} or an operator). Linear, never throws; deep
 * nesting only grows a counter.
 */
final class Statements {
  /**
   * A statement's half-open range in the block.
   *
   * @param opensBlock whether a brace follows it (a function header in the C family must be followed by its body)
   */
  record Span(int start, int end, boolean opensBlock) {}

  /** Deeper brace nesting than this is not tracked (hostile input); the depth outside it is then taken as 0. */
  private static final int MAX_NESTING = 1 << 16;

  private Statements() {}

  static List<Span> of(String noStrings) {
    List<Span> out = new ArrayList<>();
    int depth = 0;
    // A brace opens a block that may sit inside a call (a callback, a closure): the bracket depth outside it is kept
    // aside and the block starts at depth 0, so its statements are found one by one.
    int[] saved = new int[64];
    int open = 0;
    int start = 0;
    int n = noStrings.length();
    for (int i = 0; i < n; i++) {
      char c = noStrings.charAt(i);
      switch (c) {
        case '(', '[' -> depth++;
        case ')', ']' -> depth = Math.max(0, depth - 1);
        case '{' -> {
          // ${…} and #{…} are interpolations inside a string (JavaScript templates, Ruby), and a brace after ( , = : [
          // or ? opens an object literal or a destructuring pattern: all part of the expression, not a block.
          boolean interpolation = i > 0 && (noStrings.charAt(i - 1) == '$' || noStrings.charAt(i - 1) == '#')
              || "(,=:[?{".indexOf(previousNonBlank(noStrings, i)) >= 0 && depth > 0
              || "=:".indexOf(previousNonBlank(noStrings, i)) >= 0 && !endsWithArrowOrOperator(noStrings, i);
          if (open == saved.length) {
            saved = java.util.Arrays.copyOf(saved, Math.min(saved.length * 2, MAX_NESTING));
          }
          if (open < saved.length) {
            saved[open++] = interpolation ? -depth - 1 : depth;
          }
          if (interpolation) {
            depth++;
          } else {
            depth = 0;
            add(out, noStrings, start, i);
            start = i + 1;
          }
        }
        case '}' -> {
          int outer = open > 0 ? saved[--open] : 0;
          if (outer < 0) {
            depth = -outer - 1;
          } else {
            depth = outer;
            add(out, noStrings, start, i);
            start = i + 1;
          }
        }
        case ';' -> {
          if (depth == 0) {
            add(out, noStrings, start, i);
            start = i + 1;
          }
        }
        case '\n' -> {
          if (depth == 0 && !continues(noStrings, start, i)) {
            add(out, noStrings, start, i);
            start = i + 1;
          }
        }
        default -> { }
      }
    }
    add(out, noStrings, start, n);
    return out;
  }

  private static char previousNonBlank(String s, int at) {
    for (int i = at - 1; i >= 0; i--) {
      if (!Character.isWhitespace(s.charAt(i))) {
        return s.charAt(i);
      }
    }
    return ';';
  }

  /** {@code => {} / {@code := {} / {@code == {} are a body or a comparison, not an object literal after {@code =}. */
  private static boolean endsWithArrowOrOperator(String s, int at) {
    int i = at - 1;
    while (i >= 0 && Character.isWhitespace(s.charAt(i))) {
      i--;
    }
    return i >= 1 && (s.charAt(i) == '>' || s.charAt(i - 1) == '=' || s.charAt(i - 1) == '!');
  }

  /** Whether the line ending at {@code nl} goes on in the next line. */
  private static boolean continues(String s, int start, int nl) {
    int last = nl - 1;
    while (last >= start && Character.isWhitespace(s.charAt(last))) {
      last--;
    }
    if (last >= start && "+,\\=&|.%".indexOf(s.charAt(last)) >= 0) {
      return true;
    }
    int next = nl + 1;
    while (next < s.length() && (s.charAt(next) == ' ' || s.charAt(next) == '\t')) {
      next++;
    }
    return next < s.length() && (s.charAt(next) == '.' && !s.startsWith("...", next) || s.charAt(next) == '+');
  }

  private static void add(List<Span> out, String s, int from, int to) {
    while (from < to && Character.isWhitespace(s.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
      to--;
    }
    if (to > from) {
      int next = to;
      while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
        next++;
      }
      out.add(new Span(from, to, next < s.length() && s.charAt(next) == '{'));
    }
  }
}
