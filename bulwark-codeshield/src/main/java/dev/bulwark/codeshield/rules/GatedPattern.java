package dev.bulwark.codeshield.rules;

import dev.bulwark.codeshield.text.LineIndex;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule regex that is only tried near the literals every one of its matches must contain ({@link RequiredLiterals}):
 * {@code java.util.regex} tries a pattern at every position of the text, which on a 100 KB file costs milliseconds per
 * rule even when the rule's keyword never occurs; trying it only from a little before each occurrence of the keyword
 * costs next to nothing.
 *
 * <p>The result is the same as {@link Matcher#find()} over the whole text for every match that starts at most
 * {@value #LINES_BEFORE} lines and {@value #MAX_BACK} chars before its literal (the rules' matches start on the
 * keyword's line or a line or two above it). Matches may extend anywhere: the pattern runs as {@code (?=(...))} in a
 * region with transparent bounds, so the region only limits where a match may start, and lookbehind, {@code \b},
 * {@code ^} and {@code $} see the whole text.
 */
final class GatedPattern {
  /** Lines before a literal's line where a match containing it may start. */
  static final int LINES_BEFORE = 3;
  /** Chars before a literal where a match containing it may start (bounds the window on very long lines). */
  static final int MAX_BACK = 600;
  private static final String WHOLE = "bwwhole";
  private static final Pattern CASE_INSENSITIVE_FLAG = Pattern.compile("\\(\\?[a-zA-Z]*i[a-zA-Z]*[:)]");

  private final Pattern pattern;
  private final Pattern ahead;
  /** One of these occurs in every match; null when nothing is known (then every position is tried). */
  private final List<String> literals;
  private final boolean caseSensitive;

  private GatedPattern(Pattern pattern) {
    this.pattern = pattern;
    this.ahead = Pattern.compile("(?=(?<" + WHOLE + ">" + pattern.pattern() + "))", pattern.flags());
    this.caseSensitive = (pattern.flags() & Pattern.CASE_INSENSITIVE) == 0
        && !CASE_INSENSITIVE_FLAG.matcher(pattern.pattern()).find();
    this.literals = RequiredLiterals.of(pattern.pattern(), caseSensitive);
  }

  static GatedPattern of(Pattern pattern) {
    return new GatedPattern(pattern);
  }

  Pattern pattern() {
    return pattern;
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
    int[] at = index.positions(literals, caseSensitive);
    int next = 0; // matches do not overlap: the next one starts at or after the previous one's end
    int k = 0;
    while (k < at.length) {
      int from = windowStart(at[k], lines);
      int to = at[k];
      // Merge the windows of the following occurrences that overlap this one.
      while (k + 1 < at.length && windowStart(at[k + 1], lines) <= to + 1) {
        to = at[++k];
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

  /** Whether there is a match anywhere in {@code text}. */
  boolean find(CharSequence text, LiteralIndex index, LineIndex lines) {
    boolean[] found = {false};
    forEachMatch(text, index, lines, (m, s, e) -> {
      found[0] = true;
      return false;
    });
    return found[0];
  }

  /** Whether a match could lie in {@code [from, to)}: false only when none of the literals starts there. */
  boolean mayOccurIn(LiteralIndex index, int from, int to) {
    return literals == null || index.occursIn(literals, caseSensitive, from, to);
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

  private static int windowStart(int literalAt, LineIndex lines) {
    int line = lines.lineOf(literalAt);
    return Math.max(lines.lineStart(line - LINES_BEFORE), literalAt - MAX_BACK);
  }
}
