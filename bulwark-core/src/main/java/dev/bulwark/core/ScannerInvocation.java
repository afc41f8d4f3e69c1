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

  /** Runs on {@code executor}; the future completes with a timeout result when the deadline passes first. */
  static CompletableFuture<ScanResult> runOn(
      ExecutorService executor, ScheduledExecutorService timer, ScannerBinding binding, Message message, Trace context) {
    CompletableFuture<ScanResult> future = new CompletableFuture<>();
    Future<?> task;
    try {
      task = executor.submit(() -> {
        future.complete(runHere(binding, message, context));
      });
    } catch (RejectedExecutionException e) {
      future.complete(failure(binding, Status.ERROR, "the firewall is shut down or overloaded: " + e.getMessage(), Duration.ZERO));
      return future;
    }
    long deadlineNanos = binding.deadline().toNanos();
    ScheduledFuture<?> alarm = timer.schedule(() -> {
      if (future.complete(failure(binding, Status.TIMEOUT,
          "no verdict within the deadline of " + Durations.format(binding.deadline()), binding.deadline()))) {
        task.cancel(true);
      }
    }, deadlineNanos, TimeUnit.NANOSECONDS);
    future.whenComplete((r, e) -> alarm.cancel(false));
    return future;
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
