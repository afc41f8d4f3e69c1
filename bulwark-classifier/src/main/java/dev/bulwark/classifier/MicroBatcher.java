package dev.bulwark.classifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Collects items from concurrent callers into batches for one inference call each.
 *
 * <p>A worker takes the first waiting item, then keeps collecting until the batch is full, the oldest item has waited
 * {@code maxWait}, or every caller currently inside {@link #apply} is already accounted for (so a lone caller never
 * waits). Items are grouped by {@code groupKey} before the batch function runs: grouping by sequence length avoids
 * padding, which matters for dynamically quantised (int8) models whose outputs shift with padded batch-mates.
 *
 * @param <I> an item (e.g. one window's token ids)
 * @param <O> its result
 */
public final class MicroBatcher<I, O> implements AutoCloseable {
  private record Pending<I, O>(I item, CompletableFuture<O> result) {}

  private final LinkedBlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
  private final Function<List<I>, List<O>> batchFunction;
  private final Function<I, Object> groupKey;
  private final int maxBatch;
  private final long maxWaitNanos;
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicInteger taken = new AtomicInteger();
  private final AtomicInteger batches = new AtomicInteger();
  private final AtomicInteger items = new AtomicInteger();
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean closed;

  /**
   * @param name thread-name prefix
   * @param maxBatch most items per batch function call
   * @param maxWait longest an item waits for batch-mates
   * @param workerCount how many batches may run at once
   * @param groupKey items with different keys never share a call
   * @param batchFunction computes results for a list of items, in order
   */
  public MicroBatcher(String name, int maxBatch, Duration maxWait, int workerCount, Function<I, Object> groupKey,
      Function<List<I>, List<O>> batchFunction) {
    if (maxBatch < 1 || workerCount < 1) {
      throw new IllegalArgumentException("maxBatch and workerCount must be at least 1");
    }
    this.maxBatch = maxBatch;
    this.maxWaitNanos = maxWait.toNanos();
    this.groupKey = groupKey;
    this.batchFunction = Objects.requireNonNull(batchFunction);
    for (int i = 0; i < workerCount; i++) {
      Thread t = new Thread(this::work, name + "-batcher-" + i);
      t.setDaemon(true);
      t.start();
      workers.add(t);
    }
  }

  /** Computes the results of {@code batchItems} (one caller's items, e.g. all windows of one text), batched with others. */
  public List<O> apply(List<I> batchItems) {
    if (closed) {
      throw new IllegalStateException("the micro-batcher is closed");
    }
    outstanding.addAndGet(batchItems.size());
    try {
      List<CompletableFuture<O>> futures = new ArrayList<>(batchItems.size());
      for (I item : batchItems) {
        CompletableFuture<O> f = new CompletableFuture<>();
        futures.add(f);
        queue.add(new Pending<>(item, f));
      }
      List<O> out = new ArrayList<>(futures.size());
      for (CompletableFuture<O> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClassifierException("interrupted while waiting for inference", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new ClassifierException("inference failed: " + c, c);
    }
  }

  /** Average items per batch function call so far (for benchmarks and reports). */
  public double meanBatchSize() {
    int b = batches.get();
    return b == 0 ? 0 : (double) items.get() / b;
  }

  private void work() {
    while (!closed) {
      List<Pending<I, O>> batch = new ArrayList<>(maxBatch);
      try {
        Pending<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        taken.incrementAndGet();
        long deadline = System.nanoTime() + maxWaitNanos;
        while (batch.size() < maxBatch) {
          Pending<I, O> next = queue.poll();
          if (next == null) {
            // Every item announced by callers inside apply() is already taken: nobody else is coming soon.
            if (taken.get() >= outstanding.get() || System.nanoTime() >= deadline) {
              break;
            }
            next = queue.poll(Math.max(0, Math.min(deadline - System.nanoTime(), 200_000)), TimeUnit.NANOSECONDS);
            if (next == null) {
              continue;
            }
          }
          batch.add(next);
          taken.incrementAndGet();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      run(batch);
    }
  }

  private void run(List<Pending<I, O>> batch) {
    Map<Object, List<Pending<I, O>>> groups = new LinkedHashMap<>();
    for (Pending<I, O> p : batch) {
      groups.computeIfAbsent(groupKey.apply(p.item()), k -> new ArrayList<>()).add(p);
    }
    for (List<Pending<I, O>> group : groups.values()) {
      try {
        List<I> in = new ArrayList<>(group.size());
        for (Pending<I, O> p : group) {
          in.add(p.item());
        }
        List<O> out = batchFunction.apply(in);
        batches.incrementAndGet();
        items.addAndGet(group.size());
        for (int i = 0; i < group.size(); i++) {
          group.get(i).result().complete(out.get(i));
        }
      } catch (RuntimeException | Error e) {
        for (Pending<I, O> p : group) {
          p.result().completeExceptionally(e);
        }
      } finally {
        taken.addAndGet(-group.size());
        outstanding.addAndGet(-group.size());
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread t : workers) {
      t.interrupt();
    }
    Pending<I, O> p;
    while ((p = queue.poll()) != null) {
      p.result().completeExceptionally(new IllegalStateException("the micro-batcher is closed"));
    }
  }
}
