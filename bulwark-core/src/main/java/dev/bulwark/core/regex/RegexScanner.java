package dev.bulwark.core.regex;

import com.google.re2j.Matcher;
import dev.bulwark.core.Cost;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Excerpt;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Message;
import dev.bulwark.core.RuleVerdict;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.ScannerSettings;
import dev.bulwark.core.TextRuleScanner;
import dev.bulwark.core.Trace;
import dev.bulwark.text.LineIndex;
import dev.bulwark.core.text.LiteralSet;
import dev.bulwark.text.Span;
import dev.bulwark.text.TextChain;
import dev.bulwark.text.TextView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Named patterns over the message text: classic injection phrasings and secrets by default, plus the user's own.
 * Runs on the rule view of {@link TextChain#forRules()} (invisible characters dropped, compatibility forms and
 * combining marks undone, spaced-out letters joined, look-alike letters in mixed-script words folded) so that
 * "іgn\u200Bore previous instrucтions" and "I g n o r e all previous instructions" still match; spans point into the
 * original text. Unlike LlamaFirewall's,
 * every rule is checked (not only the first to match) and each reports where it matched.
 *
 * <p>Speed: one pass finds every rule's anchor literals; a rule with anchors runs its RE2 pattern only on the lines
 * around its anchor hits (a match always contains an anchor), so the cost follows the hits, not the text length.
 */
public final class RegexScanner extends TextRuleScanner {
  public static final String NAME = "regex";
  /** How far around an anchor hit a match may reach, in chars; beyond it, windows grow to line or word edges. */
  static final int REACH = 400;
  /** With more hits than this, a rule simply runs over the whole text. */
  private static final int MAX_HITS = 256;

  private final List<RegexRule> rules;
  private final LiteralSet anchors;
  private final boolean[] unanchored;
  private final boolean normalize;
  private final int maxFindingsPerRule;

  public RegexScanner(List<RegexRule> rules, boolean normalize, int maxFindingsPerRule) {
    this(NAME, rules, normalize, maxFindingsPerRule);
  }

  public RegexScanner(String name, List<RegexRule> rules, boolean normalize, int maxFindingsPerRule) {
    super(name, RegexSpec.SPEC);
    this.rules = List.copyOf(rules);
    this.normalize = normalize;
    this.maxFindingsPerRule = maxFindingsPerRule;
    List<List<String>> literals = new ArrayList<>();
    this.unanchored = new boolean[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      literals.add(rules.get(i).anchors());
      unanchored[i] = rules.get(i).anchors().isEmpty();
    }
    this.anchors = LiteralSet.compile(literals);
  }

  /** The shipped defaults. */
  public static RegexScanner withDefaults() {
    return new RegexScannerProvider().create(ScannerSettings.empty(NAME));
  }

  /** A match runs at most {@link #REACH} chars from its anchor. */
  @Override
  protected int maxMatchChars() {
    return REACH;
  }

  public List<RegexRule> rules() {
    return rules;
  }

  @Override
  public ScanResult scan(String content) {
    TextView view = normalize ? TextChain.forRules().analyse(content) : null;
    String text = view == null ? content : view.text();
    Hits hits = new Hits(rules.size());
    anchors.forEachHit(text, hits::add);
    List<Finding> findings = new ArrayList<>();
    Decision decision = Decision.ALLOW;
    LineIndex lines = null;
    for (int i = 0; i < rules.size(); i++) {
      int[] windows;
      if (unanchored[i] || hits.overflow[i]) {
        windows = new int[] {0, text.length()};
      } else if (hits.count[i] == 0) {
        continue;
      } else {
        windows = windows(text, hits.starts[i], hits.ends[i], hits.count[i]);
      }
      RegexRule rule = rules.get(i);
      int count = 0;
      if (rule.anchoredAtStart() && !hits.overflow[i]) {
        // Try the pattern only where an anchor starts: cost follows the hits, whatever the text around them.
        int reached = 0;
        for (int h = 0; h < hits.count[i] && count < maxFindingsPerRule; h++) {
          int at = hits.starts[i][h];
          if (at < reached) {
            continue;
          }
          Matcher m = rule.pattern().matcher(text.subSequence(at, Math.min(text.length(), at + REACH)));
          if (!m.lookingAt() || m.end() == 0 || rule.cancelledAt(text, at)) {
            continue;
          }
          reached = at + m.end();
          lines = lines != null ? lines : LineIndex.of(content);
          decision = record(rule, content, view, at, reached, lines, findings, decision);
          count++;
        }
        continue;
      }
      for (int w = 0; w < windows.length && count < maxFindingsPerRule; w += 2) {
        int base = windows[w];
        CharSequence region = base == 0 && windows[w + 1] == text.length() ? text : text.substring(base, windows[w + 1]);
        Matcher m = rule.pattern().matcher(region);
        while (count < maxFindingsPerRule && m.find()) {
          if (m.end() == m.start() || rule.cancelledAt(text, base + m.start())) {
            continue;
          }
          lines = lines != null ? lines : LineIndex.of(content);
          decision = record(rule, content, view, base + m.start(), base + m.end(), lines, findings, decision);
          count++;
        }
      }
    }
    if (findings.isEmpty()) {
      return ScanResult.allow(name(), "no pattern matched");
    }
    Decision d = decision;
    List<Finding> deciding = findings.stream().filter(f -> RuleVerdict.severity(d) == f.severity()).toList();
    return ScanResult.of(name(), decision, RuleVerdict.score(decision, true),
        "matched " + deciding.get(0).rule() + ": " + RuleVerdict.reason("", deciding), findings);
  }

  /** Adds a finding for a match at view span [vs, ve); returns the stricter of the decisions. */
  private static Decision record(RegexRule rule, String content, TextView view, int vs, int ve, LineIndex lines,
      List<Finding> findings, Decision decision) {
    Span span = view == null ? new Span(vs, ve) : view.originalSpan(vs, ve);
    int start = span.start();
    int end = span.end();
    findings.add(Finding.at(rule.id(), rule.category(), lines, start, end, RuleVerdict.severity(rule.decision()),
        rule.message() + " ('" + Excerpt.of(content, start, end, 40) + "')"));
    return rule.decision().isStricterThan(decision) ? rule.decision() : decision;
  }

  /**
   * Merged [start, end) windows around the hits, widened to line boundaries (or whitespace) so that {@code ^}, {@code $}
   * and {@code \b} behave at window edges as they do in the whole text.
   */
  static int[] windows(String text, int[] starts, int[] ends, int count) {
    int[] out = new int[count * 2];
    int k = 0;
    for (int h = 0; h < count; h++) {
      int s = edgeBefore(text, Math.max(0, starts[h] - REACH));
      int e = edgeAfter(text, Math.min(text.length(), ends[h] + REACH));
      if (k > 0 && s <= out[k - 1]) {
        out[k - 1] = Math.max(out[k - 1], e);
      } else {
        out[k++] = s;
        out[k++] = e;
      }
    }
    return Arrays.copyOf(out, k);
  }

  private static int edgeBefore(String text, int at) {
    for (int i = at, limit = Math.max(0, at - 200); i > limit; i--) {
      if (text.charAt(i - 1) == '\n') {
        return i;
      }
    }
    for (int i = at; i > Math.max(0, at - 200); i--) {
      if (Character.isWhitespace(text.charAt(i - 1))) {
        return i;
      }
    }
    return Math.max(0, at - 200);
  }

  private static int edgeAfter(String text, int at) {
    int n = text.length();
    for (int i = at, limit = Math.min(n, at + 200); i < limit; i++) {
      if (text.charAt(i) == '\n') {
        return i;
      }
    }
    for (int i = at; i < Math.min(n, at + 200); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return Math.min(n, at + 200);
  }

  /** Anchor hits per rule, in text order. */
  private static final class Hits {
    final int[] count;
    final int[][] starts;
    final int[][] ends;
    final boolean[] overflow;

    Hits(int rules) {
      count = new int[rules];
      starts = new int[rules][];
      ends = new int[rules][];
      overflow = new boolean[rules];
    }

    void add(int rule, int start, int end) {
      if (overflow[rule]) {
        return;
      }
      int c = count[rule];
      if (c == MAX_HITS) {
        overflow[rule] = true;
        return;
      }
      if (starts[rule] == null) {
        starts[rule] = new int[8];
        ends[rule] = new int[8];
      } else if (c == starts[rule].length) {
        starts[rule] = Arrays.copyOf(starts[rule], c * 2);
        ends[rule] = Arrays.copyOf(ends[rule], c * 2);
      }
      starts[rule][c] = start;
      ends[rule][c] = end;
      count[rule] = c + 1;
    }
  }
}
