package dev.bulwark.core.stream;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.RuleVerdict;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.Severity;
import dev.bulwark.core.StreamSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A rule scanner over a stream: each step judges the text from a little before the last cut (the longest match, plus
 * a margin of left context) to a little after the new cut, and keeps only the findings that the window saw whole.
 *
 * <p>Why the streamed verdict equals the whole answer's: a finding of at most {@code maxMatch} characters ending at or
 * before a cut lies in the window of the first step whose cut reaches it, at least {@link #MARGIN} characters from the
 * window's start (so patterns that look back, such as {@code (?m)^} or "not preceded by", see what they need); cuts are
 * quiet breaks, after which nothing the scanner matches can continue. Findings that start within the margin of a
 * window that does not begin the answer are dropped: a real one was already seen whole by an earlier window, and a
 * false one is an artefact of the window's edge. Each character is read about (maxMatch + step) / step times.
 */
public final class WindowSession implements StreamSession {
  /** Left context every finding gets, in chars: covers "not preceded by" phrases (24) and line anchors. */
  public static final int MARGIN = 32;
  /** Right context beyond the cut: a finding ending past the cut is left for the next step. */
  private static final int LOOKAHEAD = 64;
  private static final int SNAP_REACH = 128;

  private final AnswerText text;
  private final int maxMatch;
  private final Function<String, ScanResult> judge;
  private final Set<String> seen = new HashSet<>();
  private int cut;
  private boolean judged;

  public WindowSession(AnswerText text, int maxMatch, Function<String, ScanResult> judge) {
    this.text = text;
    this.maxMatch = maxMatch;
    this.judge = judge;
  }

  @Override
  public List<ScanResult> advance(CharSequence answer, int upTo, boolean last) {
    int end = last ? text.length() : upTo;
    if (end <= cut && (judged || !last)) {
      return List.of();
    }
    judged = true;
    int from = windowStart();
    int to = last ? text.length() : Math.min(text.length(), end + LOOKAHEAD);
    ScanResult raw = judge.apply(text.substring(from, to));
    cut = end;
    return List.of(keepSeenWhole(raw, from, end, last));
  }

  @Override
  public int checked() {
    return cut;
  }

  private int windowStart() {
    int want = cut - maxMatch - MARGIN;
    if (want <= 0) {
      return 0;
    }
    int snapped = text.quietBreakAtOrBefore(want, SNAP_REACH);
    return snapped > 0 ? snapped : want;
  }

  private ScanResult keepSeenWhole(ScanResult raw, int from, int end, boolean last) {
    if (raw.status().isFailure() || raw.findings().isEmpty()) {
      return raw;
    }
    List<Finding> kept = new ArrayList<>(raw.findings().size());
    boolean dropped = false;
    for (Finding f : raw.findings()) {
      Finding g = shift(f, from);
      boolean whole = g.start() == null
          || ((last || g.end() <= end) && (from == 0 || g.start() >= from + MARGIN));
      if (!whole) {
        dropped = true;
        continue;
      }
      String key = g.rule() + "@" + g.start() + (g.start() == null ? g.message() : "");
      if (seen.add(key)) {
        kept.add(g);
      }
    }
    if (!dropped) {
      return new ScanResult(raw.scanner(), raw.decision(), raw.score(), raw.reason(), raw.status(), kept,
          raw.elapsed(), raw.error());
    }
    // The window's own decision counted findings it did not see whole: decide again from the ones kept.
    Decision decision = Decision.ALLOW;
    for (Finding f : kept) {
      Decision d = f.severity() == null ? raw.decision() : decisionOf(f.severity());
      if (d.isStricterThan(decision)) {
        decision = d;
      }
    }
    Decision d = decision;
    List<Finding> deciding = kept.stream()
        .filter(f -> (f.severity() == null ? raw.decision() : decisionOf(f.severity())) == d).toList();
    String reason = kept.isEmpty() ? "nothing found in this part of the answer" : RuleVerdict.reason("", deciding);
    return new ScanResult(raw.scanner(), decision, RuleVerdict.score(decision, !kept.isEmpty()), reason, raw.status(),
        kept, raw.elapsed(), null);
  }

  private static Decision decisionOf(Severity s) {
    return switch (s) {
      case ERROR -> Decision.BLOCK;
      case WARNING -> Decision.HUMAN_IN_THE_LOOP_REQUIRED;
      case ADVICE -> Decision.ALLOW;
    };
  }

  private Finding shift(Finding f, int from) {
    if (f.start() == null) {
      return f;
    }
    int start = f.start() + from;
    int end = f.end() == null ? start : f.end() + from;
    Integer line = text.lineOf(start);
    return new Finding(f.rule(), f.category(), line, start, f.end() == null ? null : end, f.severity(), f.message());
  }
}
