package dev.bulwark.core;

import java.time.Duration;
import java.util.List;

/**
 * Combines per-scanner results into one verdict. The lattice is block over human review over allow: a higher score
 * never lets an allow beat a human review (LlamaFirewall's aggregation lets it). Reasons keep configuration order.
 */
final class Aggregation {
  private Aggregation() {}

  static FirewallResult combine(List<ScanResult> results, Duration elapsed) {
    if (results.isEmpty()) {
      return new FirewallResult(Decision.ALLOW, 0.0, "no scanner applies to this message", Status.SKIPPED, 0, results, elapsed);
    }
    Decision decision = Decision.ALLOW;
    for (ScanResult r : results) {
      if (r.decision().isStricterThan(decision)) {
        decision = r.decision();
      }
    }
    double score = 0.0;
    StringBuilder reason = new StringBuilder();
    for (ScanResult r : results) {
      if (r.decision() == decision) {
        score = Math.max(score, r.score());
        if (decision != Decision.ALLOW || r.status() != Status.SKIPPED) {
          if (reason.length() > 0) {
            reason.append("; ");
          }
          reason.append(r.scanner()).append(": ").append(r.reason());
        }
      }
    }
    return new FirewallResult(decision, score, reason.toString(), status(results), 0, results, elapsed);
  }

  /** The first failure status; else skipped when nothing ran; else success. */
  static Status status(List<ScanResult> results) {
    boolean anyRan = false;
    for (ScanResult r : results) {
      if (r.status().isFailure()) {
        return r.status();
      }
      anyRan |= r.status() == Status.SUCCESS;
    }
    return anyRan ? Status.SUCCESS : Status.SKIPPED;
  }
}
