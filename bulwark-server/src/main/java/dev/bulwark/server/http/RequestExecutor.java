package dev.bulwark.server.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
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
 */
public final class RequestExecutor implements Executor {
  private static final ThreadLocal<Long> ACCEPTED_AT = new ThreadLocal<>();
  private static final ThreadLocal<Boolean> OVERFLOW = new ThreadLocal<>();

  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor overflow;

  public RequestExecutor(int threads, int queueCapacity) {
    overflow = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
        threads("bulwark-http-overflow"), new ThreadPoolExecutor.AbortPolicy());
    overflow.allowCoreThreadTimeOut(true);
    workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
        threads("bulwark-http"), (task, pool) -> overflow.execute(new Overflowed(((Accepted) task).task)));
    workers.allowCoreThreadTimeOut(true);
  }

  @Override
  public void execute(Runnable exchange) {
    workers.execute(new Accepted(exchange, System.nanoTime()));
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

  /** Exchanges waiting for a request thread. */
  public int queued() {
    return workers.getQueue().size();
  }

  /** Request threads busy with an exchange. */
  public int active() {
    return workers.getActiveCount();
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
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private record Accepted(Runnable task, long at) implements Runnable {
    @Override
    public void run() {
      ACCEPTED_AT.set(at);
      try {
        task.run();
      } finally {
        ACCEPTED_AT.remove();
      }
    }
  }

  private record Overflowed(Runnable task) implements Runnable {
    @Override
    public void run() {
      OVERFLOW.set(Boolean.TRUE);
      try {
        task.run();
      } finally {
        OVERFLOW.remove();
      }
    }
  }
}
