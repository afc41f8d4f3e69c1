package dev.bulwark.core.stream;

import dev.bulwark.core.Finding;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.StreamSession;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A scanner that judges pieces of the answer with some text before them as context: the classifiers at every release
 * (whole sentences), the LLM judges every so many characters, or anything once at the end. Its findings are moved to
 * the whole answer's coordinates. Each character is read at most (context + step) / step times.
 */
public final class PeriodicSession implements StreamSession {
  private final AnswerText text;
  private final int minStep;
  private final int context;
  private final boolean gating;
  private final Function<String, ScanResult> judge;
  private int judgedTo;
  private boolean judged;

  /**
   * @param minStep judge only once this many new characters are there (0: at every release); at the end always
   * @param context characters before the new ones given as context (-1: the whole answer so far)
   * @param gating whether release waits for this scanner
   */
  public PeriodicSession(AnswerText text, int minStep, int context, boolean gating, Function<String, ScanResult> judge) {
    this.text = text;
    this.minStep = minStep;
    this.context = context;
    this.gating = gating;
    this.judge = judge;
  }

  /** Judged once, on the whole answer, at the end. */
  public static PeriodicSession atEnd(AnswerText text, Function<String, ScanResult> judge) {
    return new PeriodicSession(text, Integer.MAX_VALUE, -1, false, judge);
  }

  @Override
  public List<ScanResult> advance(CharSequence answer, int upTo, boolean last) {
    int end = last ? text.length() : upTo;
    if (end <= judgedTo && (judged || !last)) {
      return List.of();
    }
    if (!last && end - judgedTo < minStep) {
      return List.of();
    }
    int from = context < 0 ? 0 : Math.max(0, judgedTo - context);
    if (from > 0) {
      int snapped = text.quietBreakAtOrBefore(from, 128);
      from = snapped > 0 ? snapped : from;
    }
    ScanResult raw = judge.apply(text.substring(from, end));
    judged = true;
    judgedTo = end;
    return List.of(shift(raw, from));
  }

  @Override
  public int checked() {
    return gating ? judgedTo : Integer.MAX_VALUE;
  }

  private ScanResult shift(ScanResult raw, int from) {
    if (from == 0 || raw.findings().isEmpty()) {
      return raw;
    }
    List<Finding> moved = new ArrayList<>(raw.findings().size());
    for (Finding f : raw.findings()) {
      if (f.start() == null) {
        moved.add(f);
        continue;
      }
      int start = f.start() + from;
      moved.add(new Finding(f.rule(), f.category(), text.lineOf(start), start, f.end() == null ? null : f.end() + from,
          f.severity(), f.message()));
    }
    return new ScanResult(raw.scanner(), raw.decision(), raw.score(), raw.reason(), raw.status(), moved, raw.elapsed(),
        raw.error());
  }
}
