package dev.bulwark.eval.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Worker threads in lanes: one lane per endpoint with as many threads as the endpoint's concurrency bound, so each
 * endpoint has exactly that many requests in flight while it has work (two models on two servers run side by side),
 * plus a CPU lane for local scoring. Results come back in submission order.
 */
public final class Lanes implements AutoCloseable {
  private final Map<String, ExecutorService> lanes = new LinkedHashMap<>();

  /** Adds a lane (a no-op when it exists). */
  public synchronized void add(String name, int threads) {
    lanes.computeIfAbsent(name, n -> {
      AtomicInteger count = new AtomicInteger();
      return Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "bulwark-eval-" + n.replaceAll("[^A-Za-z0-9.:-]", "_") + "-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    });
  }

  /** One unit of work and the lane it runs in. */
  public record Task<R>(String lane, Callable<R> work) {}

  /**
   * Runs the tasks and returns their results in order; {@code done} sees each result as it completes (from worker
   * threads).
   */
  public <R> List<R> run(List<Task<R>> tasks, Consumer<R> done) {
    List<Future<R>> futures = new ArrayList<>(tasks.size());
    for (Task<R> t : tasks) {
      ExecutorService lane;
      synchronized (this) {
        lane = lanes.get(t.lane());
      }
      if (lane == null) {
        throw new IllegalStateException("no lane " + t.lane());
      }
      futures.add(lane.submit(() -> {
        R r = t.work().call();
        done.accept(r);
        return r;
      }));
    }
    List<R> out = new ArrayList<>(tasks.size());
    for (Future<R> f : futures) {
      try {
        out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(x -> x.cancel(true));
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        futures.forEach(x -> x.cancel(true));
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(cause);
      }
    }
    return out;
  }

  @Override
  public synchronized void close() {
    lanes.values().forEach(ExecutorService::shutdownNow);
  }
}
