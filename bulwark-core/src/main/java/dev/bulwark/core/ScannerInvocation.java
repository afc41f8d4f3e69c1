package dev.bulwark.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scanner for one message so that nothing it does can escape: exceptions, invalid results and missed
 * deadlines all become results with a visible status and the binding's failure-mode decision.
 */
final class ScannerInvocation {
  private ScannerInvocation() {}

  /** Runs on the calling thread. Never throws (except for JVM errors other than stack overflow). */
  static ScanResult runHere(ScannerBinding binding, Message message, Trace context) {
    long start = System.nanoTime();
    ScanResult result;
    try {
      result = binding.scanner().scan(message, context);
    } catch (StackOverflowError e) {
      return failure(binding, Status.ERROR, "stack overflow", elapsedSince(start));
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      return failure(binding, Status.ERROR, describe(e), elapsedSince(start));
    }
    Duration took = elapsedSince(start);
    if (result == null) {
      return failure(binding, Status.ERROR, "scanner returned no result", took);
    }
    if (result.status().isFailure()) {
      String why = result.error() != null ? result.error() : result.reason();
      return failure(binding, result.status(), why, took);
    }
    return new ScanResult(binding.name(), result.decision(), result.score(), result.reason(), result.status(),
        result.findings(), took, null);
  }

  /** A scanner running on the executor: its result to come, and the task to interrupt when it misses its deadline. */
  record Pending(ScannerBinding binding, CompletableFuture<ScanResult> result, Future<?> task) {
    /** Completes with a timeout result (and interrupts the scanner) unless it already finished. */
    void expire() {
      if (result.complete(failure(binding, Status.TIMEOUT,
          "no verdict within the deadline of " + Durations.format(binding.deadline()), binding.deadline()))) {
        task.cancel(true);
      }
    }
  }

  /** Starts the scanner on {@code executor}; the caller arranges the deadline ({@link Pending#expire}). */
  static Pending start(ExecutorService executor, ScannerBinding binding, Message message, Trace context) {
    CompletableFuture<ScanResult> future = new CompletableFuture<>();
    try {
      Future<?> task = executor.submit(() -> {
        future.complete(runHere(binding, message, context));
      });
      return new Pending(binding, future, task);
    } catch (RejectedExecutionException e) {
      future.complete(failure(binding, Status.ERROR, "the firewall is shut down or overloaded: " + e.getMessage(), Duration.ZERO));
      return new Pending(binding, future, CompletableFuture.completedFuture(null));
    }
  }

  /**
   * Arms one alarm per distinct deadline among {@code pending} (usually one for the whole message) and disarms them
   * when every scanner has answered.
   */
  static void armDeadlines(ScheduledExecutorService timer, List<Pending> pending) {
    if (pending.isEmpty()) {
      return;
    }
    java.util.Map<Duration, List<Pending>> byDeadline = new java.util.HashMap<>(4);
    for (Pending p : pending) {
      byDeadline.computeIfAbsent(p.binding().deadline(), d -> new java.util.ArrayList<>(pending.size())).add(p);
    }
    List<ScheduledFuture<?>> alarms = new java.util.ArrayList<>(byDeadline.size());
    byDeadline.forEach((deadline, group) -> alarms.add(timer.schedule(() -> group.forEach(Pending::expire),
        deadline.toNanos(), TimeUnit.NANOSECONDS)));
    CompletableFuture<?>[] all = new CompletableFuture<?>[pending.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = pending.get(i).result();
    }
    CompletableFuture.allOf(all).whenComplete((v, e) -> alarms.forEach(a -> a.cancel(false)));
  }

  /** Runs on {@code executor} under the binding's deadline. */
  static CompletableFuture<ScanResult> runOn(
      ExecutorService executor, ScheduledExecutorService timer, ScannerBinding binding, Message message, Trace context) {
    Pending p = start(executor, binding, message, context);
    armDeadlines(timer, List.of(p));
    return p.result();
  }

  static ScanResult failure(ScannerBinding binding, Status status, String error, Duration took) {
    FailureMode mode = binding.failureMode();
    String outcome = mode == FailureMode.OPEN ? "fail-open: allowed" : "fail-closed: blocked";
    String reason = (status == Status.TIMEOUT ? "timed out" : "failed") + " (" + outcome + "): " + error;
    return new ScanResult(binding.name(), mode.decision(), mode == FailureMode.OPEN ? 0.0 : 1.0, reason, status,
        List.of(), took, error);
  }

  /** A skipped result for short-circuit mode. */
  static ScanResult skipped(ScannerBinding binding, String why) {
    return ScanResult.skipped(binding.name(), why);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private static Duration elapsedSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
