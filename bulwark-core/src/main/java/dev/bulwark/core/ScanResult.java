package dev.bulwark.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One scanner's verdict on one message.
 *
 * @param scanner the scanner's name
 * @param decision what it recommends
 * @param score 0..1, higher means more likely harmful; for classifiers the probability, kept even on allow
 * @param reason a short explanation; at most an excerpt of the input, never all of it
 * @param status whether the verdict came from the scanner ({@code success}) or from its failure mode
 * @param findings what was found, with spans where they apply
 * @param elapsed time the scanner took (or was given, on timeout)
 * @param error what went wrong when status is error or timeout, else null
 */
public record ScanResult(
    String scanner,
    Decision decision,
    double score,
    String reason,
    Status status,
    List<Finding> findings,
    Duration elapsed,
    String error) {

  public ScanResult {
    Objects.requireNonNull(scanner, "scanner");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(status, "status");
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("score must be within [0, 1], got " + score);
    }
    reason = reason == null ? "" : reason;
    findings = findings == null ? List.of() : List.copyOf(findings);
    elapsed = elapsed == null ? Duration.ZERO : elapsed;
  }

  public static ScanResult allow(String scanner, double score, String reason) {
    return new ScanResult(scanner, Decision.ALLOW, score, reason, Status.SUCCESS, List.of(), Duration.ZERO, null);
  }

  public static ScanResult allow(String scanner, String reason) {
    return allow(scanner, 0.0, reason);
  }

  public static ScanResult of(String scanner, Decision decision, double score, String reason, List<Finding> findings) {
    return new ScanResult(scanner, decision, score, reason, Status.SUCCESS, findings, Duration.ZERO, null);
  }

  /** The scanner had nothing to look at (e.g. a code scanner on a message with no code). */
  public static ScanResult skipped(String scanner, String reason) {
    return new ScanResult(scanner, Decision.ALLOW, 0.0, reason, Status.SKIPPED, List.of(), Duration.ZERO, null);
  }

  public ScanResult withElapsed(Duration took) {
    return new ScanResult(scanner, decision, score, reason, status, findings, took, error);
  }

  public ScanResult withScanner(String name) {
    return new ScanResult(name, decision, score, reason, status, findings, elapsed, error);
  }
}
