package dev.bulwark.codeshield.syntax;

import dev.bulwark.text.LineIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parts of a block worth parsing for structural rules, cut out and joined: the statement around each prefilter
 * hit (bracket-matched, so a call spread over several lines is whole). Tree-sitter's cost grows
 * with every char it is given, blank or not (about 1 µs per char here), so only these windows are parsed, once per
 * block, and node offsets are mapped back to the block with {@link #toBlock}.
 */
public final class SourceWindows {
  /** How far (chars) bracket matching looks back for the call that encloses a hit, and forward for its end. */
  static final int MAX_REACH = 800;

  private final String text;
  private final int[] compactStarts;
  private final int[] blockStarts;
  private final int[] lengths;
  private final boolean truncated;

  private SourceWindows(String text, int[] compactStarts, int[] blockStarts, int[] lengths, boolean truncated) {
    this.text = text;
    this.compactStarts = compactStarts;
    this.blockStarts = blockStarts;
    this.lengths = lengths;
    this.truncated = truncated;
  }

  /**
   * The windows around {@code hits} (pairs of block offsets {start, end}).
   *
   * @param source the text to cut the windows from (what the parser should see)
   * @param brackets the same block with comments and string contents blanked, for bracket matching
   * @param maxChars windows beyond this many chars in all are dropped ({@link #truncated()} then says so)
   */
  public static SourceWindows around(List<int[]> hits, String source, String brackets, LineIndex lines, int maxChars) {
    List<int[]> windows = new ArrayList<>();
    for (int[] h : hits) {
      windows.add(statement(brackets, lines, h[0], h[1]));
    }
    windows.sort((a, b) -> Integer.compare(a[0], b[0]));
    List<int[]> merged = new ArrayList<>();
    for (int[] w : windows) {
      int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && w[0] <= last[1] + 1) {
        last[1] = Math.max(last[1], w[1]);
      } else {
        merged.add(w.clone());
      }
    }
    StringBuilder sb = new StringBuilder();
    int[] cs = new int[merged.size()];
    int[] bs = new int[merged.size()];
    int[] ls = new int[merged.size()];
    int k = 0;
    boolean truncated = false;
    for (int[] w : merged) {
      int len = w[1] - w[0];
      if (sb.length() + len > maxChars) {
        truncated = true;
        break;
      }
      cs[k] = sb.length();
      bs[k] = w[0];
      ls[k] = len;
      k++;
      sb.append(source, w[0], w[1]).append('\n');
    }
    return new SourceWindows(sb.toString(), Arrays.copyOf(cs, k), Arrays.copyOf(bs, k), Arrays.copyOf(ls, k), truncated);
  }

  /** The joined windows, one line break after each. */
  public String text() {
    return text;
  }

  /** Whether windows were dropped to stay under the size cap. */
  public boolean truncated() {
    return truncated;
  }

  /** The block offset of offset {@code at} of {@link #text()}, or -1 for the line break between two windows. */
  public int toBlock(int at) {
    int i = Arrays.binarySearch(compactStarts, at);
    int seg = i >= 0 ? i : -i - 2;
    if (seg < 0 || at - compactStarts[seg] > lengths[seg]) {
      return -1;
    }
    return blockStarts[seg] + at - compactStarts[seg];
  }

  /**
   * Whole lines from the statement that contains the hit: back to the innermost unclosed {@code (} or {@code [} before
   * the hit, through unclosed object-literal braces (<code>{</code> after {@code ( = : , [ ?}), but not across {@code ;}
   * or a block's braces; forward to where that bracket closes (or the first one opened after the hit). The line before
   * is added when the statement may have begun there (a declaration's return type, say).
   */
  static int[] statement(String code, LineIndex lines, int hitStart, int hitEnd) {
    int open = -1;
    int depth = 0;
    for (int i = hitStart - 1; i >= Math.max(0, hitStart - MAX_REACH); i--) {
      char c = code.charAt(i);
      if (c == ')' || c == ']') {
        depth++;
      } else if (c == '(' || c == '[') {
        if (depth == 0) {
          open = i;
          break;
        }
        depth--;
      } else if (c == '{' && depth == 0 && opensObjectLiteral(code, i)) {
        open = i; // keep looking for the call this object literal is an argument of
      } else if (depth == 0 && (c == ';' || c == '{' || c == '}')) {
        break;
      }
    }
    int from = open >= 0 ? open : hitStart;
    int end = hitEnd;
    depth = 0;
    boolean opened = false;
    for (int i = from; i < Math.min(code.length(), from + MAX_REACH); i++) {
      char c = code.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
        opened = true;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
        if (depth <= 0 && opened) {
          end = Math.max(end, i + 1);
          break;
        }
      }
    }
    int firstLine = lines.lineOf(from);
    if (firstLine > 1) {
      String previous = code.substring(lines.lineStart(firstLine - 1), lines.lineEnd(firstLine - 1));
      if (continuesOnto(previous)) {
        firstLine--;
      }
    }
    int lastLine = lines.lineOf(end);
    return new int[] {lines.lineStart(firstLine), lines.lineEnd(lastLine)};
  }

  /**
   * Whether a statement may run on from this line to the next: it does not end a statement or open a block, and has
   * no quotes (so it cannot be the end of a multi-line string, such as a docstring).
   */
  private static boolean continuesOnto(String line) {
    String t = line.strip();
    if (t.isEmpty() || t.chars().anyMatch(ch -> ch == '"' || ch == '\'' || ch == '`')) {
      return false;
    }
    char last = t.charAt(t.length() - 1);
    return last != ';' && last != '{' && last != '}' && last != ':';
  }

  /** Whether the brace at {@code at} starts an object or initializer literal rather than a block. */
  private static boolean opensObjectLiteral(String code, int at) {
    int i = at - 1;
    while (i >= 0 && Character.isWhitespace(code.charAt(i))) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    char p = code.charAt(i);
    return p == '(' || p == '=' || p == ':' || p == ',' || p == '[' || p == '?'
        || i >= 5 && code.startsWith("return", i - 5);
  }
}
