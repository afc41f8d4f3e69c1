package dev.bulwark.server.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scanning threads: a fixed pool behind a bounded queue. Only complete requests reach it (the transport reads
 * them on its event loops), so a slow or idle client never holds one of these threads; when the queue is full the
 * transport answers 503 at once instead of letting work pile up.
 */
public final class WorkerPool {
  private final ThreadPoolExecutor workers;

  public WorkerPool(int threads, int queueCapacity) {
    AtomicInteger n = new AtomicInteger();
    workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        queueCapacity == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queueCapacity),
        r -> {
          Thread t = new Thread(r, "bulwark-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    workers.allowCoreThreadTimeOut(true);
  }

  /** Runs {@code task} on a request thread, or returns false when every thread is busy and the queue is full. */
  public boolean trySubmit(Runnable task) {
    try {
      workers.execute(task);
      return true;
    } catch (RejectedExecutionException full) {
      return false;
    }
  }

  /** Requests waiting for a thread. */
  public int queued() {
    return workers.getQueue().size();
  }

  /** Stops taking work and waits up to {@code millis} for queued and running requests; then interrupts the rest. */
  public void shutdown(long millis) throws InterruptedException {
    workers.shutdown();
    if (!workers.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
      workers.shutdownNow();
      workers.awaitTermination(1, TimeUnit.SECONDS);
    }
  }
}
