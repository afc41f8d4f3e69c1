package dev.bulwark.server.http;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server's executor: a fixed pool of request threads behind a bounded queue, so overload is answered
 * instead of piling up. When the queue is full the exchange runs on a small overflow pool whose only job is to answer
 * 503 with {@code Retry-After} (the JDK server gives the handler no other way to reject a request politely); when that
 * is full too, the JDK server closes the connection.
 *
 * <p>Each exchange carries the time it was accepted, so the per-request deadline includes the time spent queued.
 *
 * <p><b>Read timeout.</b> The JDK server reads a request's headers, and the handler its body, in blocking mode on the
 * request thread, so a client that sends slowly holds a thread as long as it likes. A watchdog interrupts a thread
 * still reading its request after the read timeout; the interrupt closes the connection's channel, which ends the
 * read. Once the request has been read ({@link #requestRead()}), the work that follows is never interrupted. (The
 * JDK's own {@code sun.net.httpserver.maxReqTime} does the same but is read once per JVM, so it would not apply to a
 * server started after any other JDK server in the process.)
 */
public final class RequestExecutor implements Executor {
  private static final ThreadLocal<Long> ACCEPTED_AT = new ThreadLocal<>();
  private static final ThreadLocal<Boolean> OVERFLOW = new ThreadLocal<>();
  private static final ThreadLocal<Reading> READING = new ThreadLocal<>();

  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor overflow;
  private final ScheduledExecutorService watchdog;
  private final Set<Reading> reading = ConcurrentHashMap.newKeySet();
  private final long readTimeoutNanos;

  public RequestExecutor(int threads, int queueCapacity, long readTimeoutNanos) {
    this.readTimeoutNanos = readTimeoutNanos;
    overflow = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
        threads("bulwark-http-overflow"), new ThreadPoolExecutor.AbortPolicy());
    overflow.allowCoreThreadTimeOut(true);
    workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
        threads("bulwark-http"), (task, pool) -> overflow.execute(new Overflowed(((Accepted) task).task, this)));
    workers.allowCoreThreadTimeOut(true);
    watchdog = Executors.newSingleThreadScheduledExecutor(threads("bulwark-http-watchdog"));
    long period = Math.max(50, TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos) / 4);
    watchdog.scheduleWithFixedDelay(this::cutSlowReaders, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public void execute(Runnable exchange) {
    workers.execute(new Accepted(exchange, System.nanoTime(), this));
  }

  /** When the exchange running on this thread was accepted ({@link System#nanoTime()}), or now outside one. */
  public static long acceptedAt() {
    Long t = ACCEPTED_AT.get();
    return t == null ? System.nanoTime() : t;
  }

  /** True on the overflow pool: the request must be answered 503 without doing its work. */
  public static boolean overflowing() {
    return Boolean.TRUE.equals(OVERFLOW.get());
  }

  /**
   * Ends the read phase of the exchange on this thread: from now on the read timeout no longer applies.
   *
   * @return false when the read timeout already cut the request off (its connection is closed)
   */
  public static boolean requestRead() {
    Reading r = READING.get();
    return r == null || r.finishReading();
  }

  /** Exchanges waiting for a request thread. */
  public int queued() {
    return workers.getQueue().size();
  }

  /** Request threads busy with an exchange. */
  public int active() {
    return workers.getActiveCount();
  }

  private void cutSlowReaders() {
    long now = System.nanoTime();
    for (Reading r : reading) {
      r.cutIfSlow(now, readTimeoutNanos);
    }
  }

  /** Stops taking exchanges and waits up to {@code millis} for running ones; then interrupts what is left. */
  public void shutdown(long millis) throws InterruptedException {
    workers.shutdown();
    overflow.shutdown();
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    if (!workers.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
      workers.shutdownNow();
      workers.awaitTermination(1, TimeUnit.SECONDS);
    }
    if (!overflow.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
      overflow.shutdownNow();
      overflow.awaitTermination(1, TimeUnit.SECONDS);
    }
    watchdog.shutdownNow();
    watchdog.awaitTermination(1, TimeUnit.SECONDS);
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Runs an exchange with its read phase watched. */
  private void run(Runnable task) {
    Reading r = new Reading(Thread.currentThread(), System.nanoTime());
    READING.set(r);
    reading.add(r);
    try {
      task.run();
    } finally {
      r.finish();
      reading.remove(r);
      READING.remove();
      // An interrupt meant for this exchange must not reach the next one on this thread.
      Thread.interrupted();
    }
  }

  /**
   * One exchange's read phase. The lock makes "cut off" and "finished reading" exclusive, so an interrupt can only
   * land while the thread is still reading this exchange's request.
   */
  private static final class Reading {
    private final Thread thread;
    private final long started;
    private boolean reading = true;
    private boolean cut;

    Reading(Thread thread, long started) {
      this.thread = thread;
      this.started = started;
    }

    synchronized boolean finishReading() {
      reading = false;
      return !cut;
    }

    synchronized void finish() {
      reading = false;
    }

    synchronized void cutIfSlow(long now, long limit) {
      if (reading && now - started > limit) {
        reading = false;
        cut = true;
        thread.interrupt();
      }
    }
  }

  private record Accepted(Runnable task, long at, RequestExecutor owner) implements Runnable {
    @Override
    public void run() {
      ACCEPTED_AT.set(at);
      try {
        owner.run(task);
      } finally {
        ACCEPTED_AT.remove();
      }
    }
  }

  private record Overflowed(Runnable task, RequestExecutor owner) implements Runnable {
    @Override
    public void run() {
      OVERFLOW.set(Boolean.TRUE);
      try {
        owner.run(task);
      } finally {
        OVERFLOW.remove();
      }
    }
  }
}
