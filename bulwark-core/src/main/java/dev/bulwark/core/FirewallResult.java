package dev.bulwark.core;

import java.time.Duration;
import java.util.List;

/**
 * The firewall's verdict on a message, or on a trace replayed message by message.
 *
 * @param decision the strictest decision of the scanners (block over human review over allow)
 * @param score the highest score among the scanners that reached {@code decision}
 * @param reason the reasons of the scanners that reached {@code decision}, in configuration order
 * @param status {@code success} unless a scanner erred or timed out (then that status), or {@code skipped} when no
 *     scanner applied
 * @param index for a trace, the index of the message that decided (for an allowed trace, the last message); 0 for
 *     a single message
 * @param results one entry per scanner that was configured for the message, in configuration order
 * @param elapsed wall time of the whole scan
 */
public record FirewallResult(
    Decision decision,
    double score,
    String reason,
    Status status,
    int index,
    List<ScanResult> results,
    Duration elapsed) {

  public FirewallResult {
    results = List.copyOf(results);
  }

  public boolean allowed() {
    return decision == Decision.ALLOW;
  }

  /** All findings of all scanners, in order. */
  public List<Finding> findings() {
    return results.stream().flatMap(r -> r.findings().stream()).toList();
  }

  /** The first error message of a failed scanner, or null. */
  public String error() {
    for (ScanResult r : results) {
      if (r.status().isFailure() && r.error() != null) {
        return r.scanner() + ": " + r.error();
      }
    }
    return null;
  }

  FirewallResult withReason(String newReason) {
    return new FirewallResult(decision, score, newReason, status, index, results, elapsed);
  }

  FirewallResult withIndex(int newIndex) {
    return new FirewallResult(decision, score, reason, status, newIndex, results, elapsed);
  }
}
