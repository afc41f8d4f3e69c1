package dev.bulwark.codeshield.rules;

import dev.bulwark.text.LineIndex;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule regex that is only tried near the literals every one of its matches must contain ({@link RequiredLiterals}):
 * {@code java.util.regex} tries a pattern at every position of the text, which on a 100 KB file costs milliseconds per
 * rule even when the rule's keyword never occurs; trying it only from a little before each occurrence of the keyword
 * costs next to nothing.
 *
 * <p>Where the regex bounds how far into a match its literal can start ({@code \bexec\s{0,3}\(}: at once), only those
 * positions are tried, and the result is exactly that of {@link Matcher#find()} over the whole text. Otherwise it is
 * the same for every match that starts at most {@value #LINES_BEFORE} lines and {@value #MAX_BACK} chars before its
 * literal (the rules' matches start on the keyword's line or a line or two above it). Matches may extend anywhere: the pattern runs as {@code (?=(...))} in a
 * region with transparent bounds, so the region only limits where a match may start, and lookbehind, {@code \b},
 * {@code ^} and {@code $} see the whole text.
 */
final class GatedPattern {
  /** Lines before a literal's line where a match containing it may start. */
  static final int LINES_BEFORE = 1;
  /** Chars before a literal where a match containing it may start (bounds the window on very long lines). */
  static final int MAX_BACK = 300;
  private static final String WHOLE = "bwwhole";
  private static final Pattern SPANS_TEXT = Pattern.compile("\\\\A|\\[\\\\s\\\\S\\]|\\[\\\\S\\\\s\\]|\\(\\?[a-zA-Z]*s");

  private final String source;
  /** The regex as {@code (?=(?<whole>regex))}: zero-width, so a region bounds only where matches start. */
  private final Pattern ahead;
  /** One of these occurs in every match; null when nothing is known (then every position is tried). */
  private final List<String> literals;
  /** Per literal, how far before it a match may start when the regex bounds that, else -1 (then a few lines). */
  private final int[] maxBefore;
  private final boolean caseSensitive;

  private GatedPattern(String source, int flags) {
    this.source = source;
    this.ahead = Pattern.compile("(?=(?<" + WHOLE + ">" + source + "))", flags);
    this.caseSensitive = (flags & Pattern.CASE_INSENSITIVE) == 0 && !RequiredLiterals.CASE_INSENSITIVE_FLAG.matcher(source).find();
    RequiredLiterals.Requirement r = RequiredLiterals.requirement(source, caseSensitive);
    if (r != null && SPANS_TEXT.matcher(source).find() && r.maxBefore().containsValue(RequiredLiterals.UNBOUNDED)) {
      r = null; // "\A...", "[\s\S]*...": a match may start anywhere before its literal, so try every position
    }
    this.literals = r == null ? null : List.copyOf(r.maxBefore().keySet());
    this.maxBefore = r == null ? null : new int[literals.size()];
    for (int i = 0; r != null && i < literals.size(); i++) {
      int before = r.maxBefore().get(literals.get(i));
      maxBefore[i] = before > MAX_BACK ? -1 : before;
    }
  }

  static GatedPattern of(Pattern pattern) {
    return new GatedPattern(pattern.pattern(), pattern.flags());
  }

  /** @throws java.util.regex.PatternSyntaxException when {@code source} is not a regex */
  static GatedPattern of(String source, int flags) {
    return new GatedPattern(source, flags);
  }

  String source() {
    return source;
  }

  /**
   * Whether the regex matches within {@code [from, to)} of {@code text}, with the region's bounds opaque (as
   * {@code matcher.region(from, to).find()} on the plain regex).
   */
  boolean findIn(CharSequence text, LiteralIndex index, int from, int to) {
    if (literals != null && !index.occursIn(literals, caseSensitive, from, to)) {
      return false;
    }
    return ahead.matcher(text).region(from, to).find();
  }

  /** Receives each match: the matcher (for named groups) and where the match starts and ends. */
  interface Visitor {
    /** @return false to stop */
    boolean accept(Matcher m, int start, int end);
  }

  /**
   * Visits the matches in {@code text} in order, as repeated {@link Matcher#find()} would.
   *
   * @param text the view being searched, usually a {@link BudgetedText}
   * @param index literal positions of that view
   * @param lines line starts of the block
   */
  void forEachMatch(CharSequence text, LiteralIndex index, LineIndex lines, Visitor visitor) {
    int n = text.length();
    Matcher m = ahead.matcher(text);
    m.useTransparentBounds(true);
    m.useAnchoringBounds(false);
    if (literals == null) {
      search(m, 0, n, 0, visitor);
      return;
    }
    long[] windows = windows(index, lines);
    int next = 0; // matches do not overlap: the next one starts at or after the previous one's end
    int k = 0;
    while (k < windows.length) {
      int from = (int) (windows[k] >>> 32);
      int to = (int) windows[k];
      // Merge the following windows that overlap this one.
      while (k + 1 < windows.length && (int) (windows[k + 1] >>> 32) <= to + 1) {
        to = Math.max(to, (int) windows[++k]);
      }
      k++;
      from = Math.max(from, next);
      if (from > to) {
        continue;
      }
      next = search(m, from, to, next, visitor);
      if (next < 0) {
        return;
      }
    }
  }

  /** Per occurrence of a literal, where a match containing it may start: (first << 32 | last), sorted. */
  private long[] windows(LiteralIndex index, LineIndex lines) {
    int[][] each = new int[literals.size()][];
    int total = 0;
    for (int i = 0; i < each.length; i++) {
      each[i] = index.positions(literals.get(i), caseSensitive);
      total += each[i].length;
    }
    long[] out = new long[total];
    int n = 0;
    for (int i = 0; i < each.length; i++) {
      for (int at : each[i]) {
        int from = maxBefore[i] >= 0 ? Math.max(0, at - maxBefore[i]) : lineWindowStart(at, lines);
        out[n++] = (long) from << 32 | at;
      }
    }
    java.util.Arrays.sort(out);
    return out;
  }

  /** Whether there is a match anywhere in {@code text}. */
  boolean find(CharSequence text, LiteralIndex index, LineIndex lines) {
    boolean[] found = {false};
    forEachMatch(text, index, lines, (m, s, e) -> {
      found[0] = true;
      return false;
    });
    return found[0];
  }

  /**
   * Finds matches starting in {@code [from, to]}; returns where the next search may start, or -1 when the visitor
   * asked to stop.
   */
  private static int search(Matcher m, int from, int to, int next, Visitor visitor) {
    int pos = from;
    while (pos <= to) {
      m.region(pos, to);
      if (!m.find()) {
        return next;
      }
      int start = m.start(WHOLE);
      int end = m.end(WHOLE);
      if (!visitor.accept(m, start, end)) {
        return -1;
      }
      next = Math.max(end, start + 1);
      pos = next;
    }
    return next;
  }

  private static int lineWindowStart(int literalAt, LineIndex lines) {
    int line = lines.lineOf(literalAt);
    return Math.max(lines.lineStart(line - LINES_BEFORE), literalAt - MAX_BACK);
  }
}
