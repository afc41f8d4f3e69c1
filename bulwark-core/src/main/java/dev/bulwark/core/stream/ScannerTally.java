package dev.bulwark.core.stream;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One scanner's verdicts on the pieces of a streamed answer, folded into one result as if it had judged the whole:
 * the strictest decision, the reason of the first piece that reached it, every finding (up to a cap), the first
 * failure.
 */
public final class ScannerTally {
  private static final int MAX_FINDINGS = 200;

  private final String scanner;
  private Decision decision = Decision.ALLOW;
  private double score;
  private String reason;
  private Status status = Status.SKIPPED;
  private String error;
  private final List<Finding> findings = new ArrayList<>();
  private Duration elapsed = Duration.ZERO;
  private int pieces;

  public ScannerTally(String scanner) {
    this.scanner = scanner;
  }

  public void add(ScanResult r) {
    pieces++;
    elapsed = elapsed.plus(r.elapsed());
    if (r.status().isFailure() && !status.isFailure()) {
      status = r.status();
      error = r.error();
    } else if (r.status() == Status.SUCCESS && status == Status.SKIPPED) {
      status = Status.SUCCESS;
    }
    for (Finding f : r.findings()) {
      if (findings.size() < MAX_FINDINGS) {
        findings.add(f);
      }
    }
    if (reason == null || r.decision().isStricterThan(decision)) {
      decision = r.decision();
      score = r.score();
      reason = r.reason();
    } else if (r.decision() == decision) {
      score = Math.max(score, r.score());
    }
  }

  public Decision decision() {
    return decision;
  }

  public ScanResult result() {
    if (pieces == 0) {
      return ScanResult.skipped(scanner, "nothing of the answer judged yet");
    }
    return new ScanResult(scanner, decision, score, reason, status, findings, elapsed, error);
  }
}
