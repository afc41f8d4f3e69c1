package dev.bulwark.core;

import dev.bulwark.core.stream.AnswerText;
import dev.bulwark.core.stream.PeriodicSession;
import dev.bulwark.core.stream.ScannerTally;
import dev.bulwark.core.stream.WindowSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * One answer checked while it streams ({@link Firewall#stream}): {@link #offer} each chunk as it arrives and show
 * what each step {@linkplain StreamStep#released() releases}; {@link #finish} when the answer is complete.
 *
 * <p>Text is released once every scanner that gates release has checked it, at the end of a sentence (or word), so
 * the reader waits only for the held-back tail, never more than {@link StreamOptions#maxHoldChars()} characters.
 * The first block stops the stream: nothing more is released, and every later {@code offer} returns the same verdict
 * (an upstream may send a few more chunks before it is cancelled). The verdict at the end combines every scanner's
 * pieces as {@link Firewall#scan} combines scanners; for the rule scanners and Code Shield it is the verdict
 * {@code scan} gives the whole answer.
 *
 * <p>Not thread-safe: one producer feeds a stream. Scanners that are not {@link Cost#CHEAP} run on the firewall's
 * executor under their deadline, and {@code offer} waits for them.
 */
public final class AnswerStream {
  private enum State { OPEN, STOPPED, FINISHED }

  /** Held-back text a rule window may leave unjudged while another session holds it (an open code block). */
  static final int WINDOW_DEFER_CHARS = 1024;

  private final List<ScannerBinding> bindings;
  private final List<StreamSession> sessions;
  private final List<ScannerTally> tallies;
  private final StreamOptions options;
  private final AnswerText text = new AnswerText();
  private final long started = System.nanoTime();
  private int released;
  private State state = State.OPEN;
  private FirewallResult verdict;

  AnswerStream(List<ScannerBinding> bindings, Message template, Trace context, StreamOptions options,
      ExecutorService executor, ScheduledExecutorService timer) {
    this.bindings = bindings;
    this.options = options;
    this.sessions = new ArrayList<>(bindings.size());
    this.tallies = new ArrayList<>(bindings.size());
    for (ScannerBinding b : bindings) {
      Function<String, ScanResult> judge = content -> {
        Message m = new Message(template.role(), content, List.of(), template.attributes());
        return b.scanner().cost() == Cost.CHEAP
            ? ScannerInvocation.runHere(b, m, context)
            : ScannerInvocation.runOn(executor, timer, b, m, context).join();
      };
      sessions.add(open(b, judge, template, context));
      tallies.add(new ScannerTally(b.name()));
    }
  }

  private StreamSession open(ScannerBinding b, Function<String, ScanResult> judge, Message template, Trace context) {
    StreamMode mode;
    try {
      mode = Objects.requireNonNull(b.scanner().streamMode(), "stream mode");
    } catch (RuntimeException e) {
      mode = StreamMode.atEnd();
    }
    // Java 17: no pattern matching for switch yet.
    if (mode instanceof StreamMode.Window w) {
      return new WindowSession(text, w.maxMatchChars(), judge);
    }
    if (mode instanceof StreamMode.Sentences s) {
      return new PeriodicSession(text, 0, s.contextChars(), true, judge);
    }
    if (mode instanceof StreamMode.EveryChars e) {
      return new PeriodicSession(text, e.chars(), e.chars(), false, judge);
    }
    if (mode instanceof StreamMode.Custom c) {
      try {
        return Objects.requireNonNull(c.factory().open(template, context), "stream session");
      } catch (RuntimeException e) {
        return failedSession(b, e);
      }
    }
    return PeriodicSession.atEnd(text, judge);
  }

  /** A session that could not open: its scanner reports the error (and its failure mode) once. */
  private static StreamSession failedSession(ScannerBinding b, RuntimeException e) {
    ScanResult failure = ScannerInvocation.failure(b, Status.ERROR, "could not open a stream session: " + e, Duration.ZERO);
    return new StreamSession() {
      private boolean told;

      @Override
      public List<ScanResult> advance(CharSequence answer, int upTo, boolean last) {
        if (told) {
          return List.of();
        }
        told = true;
        return List.of(failure);
      }

      @Override
      public int checked() {
        return Integer.MAX_VALUE;
      }
    };
  }

  /**
   * Adds the next chunk of the answer.
   *
   * @param chunk the next characters; may be empty, may end inside a surrogate pair (the pair is completed by the next
   *     chunk: text is never released between its halves)
   * @return what became free to show, and the verdict once the stream stopped
   * @throws IllegalStateException after {@link #finish}
   */
  public StreamStep offer(CharSequence chunk) {
    Objects.requireNonNull(chunk, "chunk");
    if (state == State.FINISHED) {
      throw new IllegalStateException("this answer stream is finished: no chunk may follow finish()");
    }
    if (state == State.STOPPED) {
      return new StreamStep("", verdict);
    }
    if (chunk.length() == 0) {
      return new StreamStep("", null);
    }
    long total = (long) text.length() + chunk.length();
    if (total > options.maxAnswerChars()) {
      return stop("the answer is longer than " + options.maxAnswerChars() + " characters (max-answer-chars)");
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    if (took.compareTo(options.maxAnswerTime()) > 0) {
      return stop("the answer is still arriving after " + Durations.format(options.maxAnswerTime())
          + " (max-answer-time)");
    }
    text.append(chunk);
    return step(false);
  }

  /** Ends the answer: judges what is left and gives the final verdict with the rest of the text if it is allowed. */
  public StreamStep finish() {
    if (state == State.FINISHED) {
      throw new IllegalStateException("this answer stream is already finished");
    }
    if (state == State.STOPPED) {
      state = State.FINISHED;
      return new StreamStep("", verdict);
    }
    return step(true);
  }

  /** The characters received so far. */
  public int length() {
    return text.length();
  }

  /** The characters released so far. */
  public int releasedLength() {
    return released;
  }

  /** The verdict once stopped or finished, else null. */
  public FirewallResult verdict() {
    return verdict;
  }

  private StreamStep step(boolean last) {
    int len = text.length();
    int target;
    boolean forced = false;
    if (last) {
      target = len;
    } else {
      target = Math.max(released, options.holdSentences() ? text.lastSentenceBreak() : text.lastQuietBreak());
      if (len - target > options.maxHoldChars()) {
        forced = true;
        target = Math.max(target, text.lastQuietBreak());
        if (len - target > options.maxHoldChars()) {
          target = len - options.maxHoldChars();
          if (Character.isHighSurrogate(text.charAt(target - 1))) {
            target++; // never between the halves of a pair: release the whole pair
          }
        }
      }
    }
    if (target > released || last) {
      // Sessions that hold text back for reasons of their own (Code Shield while a code block is open) go first, so
      // the rule windows need not judge every line of text that cannot be shown yet anyway.
      int heldBack = Integer.MAX_VALUE;
      for (int i = 0; i < sessions.size(); i++) {
        if (!(sessions.get(i) instanceof WindowSession)) {
          for (ScanResult r : advance(i, target, last)) {
            tallies.get(i).add(r);
          }
          heldBack = Math.min(heldBack, sessions.get(i).checked());
        }
      }
      for (int i = 0; i < sessions.size(); i++) {
        if (sessions.get(i) instanceof WindowSession w) {
          int upTo = last || forced ? target : windowCut(w, target, heldBack);
          for (ScanResult r : advance(i, upTo, last)) {
            tallies.get(i).add(r);
          }
        }
      }
      for (ScannerTally t : tallies) {
        if (t.decision() == Decision.BLOCK) {
          verdict = combine();
          state = last ? State.FINISHED : State.STOPPED;
          return new StreamStep("", verdict);
        }
      }
    }
    int release = target;
    if (!last && !forced) {
      for (StreamSession s : sessions) {
        release = Math.min(release, s.checked());
      }
    }
    String out = release > released ? text.substring(released, release) : "";
    released = Math.max(released, release);
    if (last) {
      verdict = combine();
      state = State.FINISHED;
      return new StreamStep(out, verdict);
    }
    return new StreamStep(out, null);
  }

  /**
   * Where a rule window judges up to in this step: the release target, unless another session holds text back before
   * it; then only up to a quiet break before the held-back text, until {@link #WINDOW_DEFER_CHARS} have waited (which
   * bounds how late a rule stops an answer whose text is held back anyway). Judging fewer, longer windows reads each
   * character fewer times: a window re-reads its longest match before every cut.
   */
  private int windowCut(WindowSession w, int target, int heldBack) {
    if (heldBack >= target || target - w.checked() >= WINDOW_DEFER_CHARS) {
      return target;
    }
    int at = text.quietBreakAtOrBefore(heldBack, WINDOW_DEFER_CHARS);
    return at > w.checked() ? at : w.checked();
  }

  /** A session's step, guarded like a scanner call: anything it throws becomes its binding's failure verdict. */
  private List<ScanResult> advance(int i, int upTo, boolean last) {
    ScannerBinding b = bindings.get(i);
    long start = System.nanoTime();
    try {
      List<ScanResult> out = sessions.get(i).advance(text, upTo, last);
      return out == null ? List.of() : out;
    } catch (StackOverflowError e) {
      return List.of(ScannerInvocation.failure(b, Status.ERROR, "stack overflow", Duration.ofNanos(System.nanoTime() - start)));
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
      return List.of(ScannerInvocation.failure(b, Status.ERROR, why, Duration.ofNanos(System.nanoTime() - start)));
    }
  }

  private StreamStep stop(String why) {
    List<ScanResult> results = new ArrayList<>();
    for (ScannerTally t : tallies) {
      results.add(t.result());
    }
    ScanResult refusal = new ScanResult("firewall", Decision.BLOCK, 1.0, why, Status.ERROR, List.of(), Duration.ZERO, why);
    results.add(refusal);
    verdict = new FirewallResult(Decision.BLOCK, 1.0, "firewall: " + why, Status.ERROR, 0, results, elapsed());
    state = State.STOPPED;
    return new StreamStep("", verdict);
  }

  private FirewallResult combine() {
    List<ScanResult> results = new ArrayList<>(tallies.size());
    for (ScannerTally t : tallies) {
      results.add(t.result());
    }
    if (results.isEmpty()) {
      return Aggregation.combine(results, elapsed()).withReason("no scanner is configured for this role");
    }
    return Aggregation.combine(results, elapsed());
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
