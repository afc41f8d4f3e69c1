package dev.bulwark.core;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * An {@link AnswerStream} fed without waiting for its scanners ({@link Firewall#feed}): for producers that must not
 * block, such as a model client's I/O thread. {@link #offer} only appends the chunk and returns; one worker takes
 * everything offered so far, runs the stream on it, and hands each {@link StreamStep} that releases text or carries
 * the verdict to the listener, in order, one at a time. Chunks that arrive while the scanners are busy are joined and
 * judged together, so a slow classifier judges fewer, longer pieces instead of falling further behind.
 *
 * <p>Back-pressure, as in a Node stream's {@code write()}: the <em>backlog</em> is the characters offered and not yet
 * judged (those the worker is judging included). {@code offer} accepts every chunk and returns {@code false} once the
 * backlog reached {@code maxBacklogChars}: the producer should pause until {@link #ready()} completes (when the backlog
 * fell under the bound, or the stream is done). A producer that ignores it is still served, the backlog then grows
 * up to the stream's {@code max-answer-chars}. After the verdict, offered chunks are dropped.
 *
 * <p>The listener runs on the worker's thread; a listener that throws cancels the feed. Thread-safe: offer, finish
 * and cancel may be called from any thread, in the answer's order.
 */
public final class AnswerFeed {
  /** The default bound of the backlog: a few seconds of a fast model's output, far more than a held sentence. */
  public static final int DEFAULT_MAX_BACKLOG_CHARS = 16_384;

  private final AnswerStream stream;
  private final Executor worker;
  private final int maxBacklogChars;
  private final Consumer<StreamStep> listener;
  private final StringBuilder pending = new StringBuilder();
  private int judging;
  private boolean finishing;
  private boolean running;
  private boolean done;
  private CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);

  AnswerFeed(AnswerStream stream, Executor worker, int maxBacklogChars, Consumer<StreamStep> listener) {
    if (maxBacklogChars < 1) {
      throw new IllegalArgumentException("maxBacklogChars must be positive, got " + maxBacklogChars);
    }
    this.stream = Objects.requireNonNull(stream, "stream");
    this.worker = Objects.requireNonNull(worker, "worker");
    this.maxBacklogChars = maxBacklogChars;
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Adds the next chunk; never waits for the scanners.
   *
   * @return true while the backlog is under the bound; false: pause until {@link #ready()} completes
   * @throws IllegalStateException after {@link #finish}
   */
  public boolean offer(CharSequence chunk) {
    Objects.requireNonNull(chunk, "chunk");
    synchronized (this) {
      if (finishing && !done) {
        throw new IllegalStateException("this answer feed is finished: no chunk may follow finish()");
      }
      if (done) {
        return true;
      }
      pending.append(chunk);
      if (backlog() >= maxBacklogChars && ready.isDone()) {
        ready = new CompletableFuture<>();
      }
      startIfIdle();
      return backlog() < maxBacklogChars;
    }
  }

  /** Ends the answer; never waits. The listener gets the rest of the text and the final verdict. */
  public void finish() {
    synchronized (this) {
      if (finishing || done) {
        return;
      }
      finishing = true;
      startIfIdle();
    }
  }

  /** Stops the feed: nothing more is judged or handed to the listener (the client left, the upstream failed). */
  public void cancel() {
    CompletableFuture<Void> wake;
    synchronized (this) {
      done = true;
      pending.setLength(0);
      wake = ready;
    }
    wake.complete(null);
  }

  /** Completes when the backlog is under the bound again, or the feed is done. */
  public synchronized CompletableFuture<Void> ready() {
    return ready;
  }

  /** Characters offered and not yet judged. */
  public synchronized int backlog() {
    return pending.length() + judging;
  }

  /** The stream this feed drives; read it only after the verdict (it is not thread-safe). */
  public AnswerStream stream() {
    return stream;
  }

  private void startIfIdle() {
    if (!running && !done) {
      running = true;
      worker.execute(this::drain);
    }
  }

  /** The worker: judges what is pending until nothing is, then returns (a later offer starts it again). */
  private void drain() {
    while (true) {
      String chunk;
      boolean last;
      synchronized (this) {
        if (done || (pending.length() == 0 && !finishing)) {
          running = false;
          return;
        }
        chunk = pending.toString();
        pending.setLength(0);
        judging = chunk.length();
        last = finishing;
      }
      StreamStep step = chunk.isEmpty() ? null : stream.offer(chunk);
      if ((step == null || !step.done()) && last) {
        StreamStep end = stream.finish();
        step = new StreamStep(step == null ? end.released() : step.released() + end.released(), end.verdict());
      }
      CompletableFuture<Void> wake = null;
      boolean cancelled;
      synchronized (this) {
        judging = 0;
        // cancel() while this piece was being judged: its step is not handed over (nothing after cancel is)
        cancelled = done;
        if (cancelled) {
          running = false;
          pending.setLength(0);
        }
        if (step != null && step.done()) {
          done = true;
          running = false;
          pending.setLength(0);
        }
        if (done || backlog() < maxBacklogChars) {
          wake = ready;
        }
      }
      if (cancelled) {
        return;
      }
      if (step != null && (step.done() || !step.released().isEmpty())) {
        try {
          listener.accept(step);
        } catch (RuntimeException e) {
          cancel();
        }
      }
      if (wake != null) {
        wake.complete(null);
      }
      if (step != null && step.done()) {
        return;
      }
    }
  }
}
