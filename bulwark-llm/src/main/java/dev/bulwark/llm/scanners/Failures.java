package dev.bulwark.llm.scanners;

import dev.bulwark.core.Decision;
import dev.bulwark.core.ScanResult;
import dev.bulwark.core.Status;
import dev.bulwark.llm.LlmException;
import java.time.Duration;
import java.util.List;

/**
 * Backend failures as scan results with a visible status; the firewall applies the binding's failure mode to them.
 */
final class Failures {
  private Failures() {}

  static ScanResult of(String scanner, LlmException e) {
    Status status = e.kind() == LlmException.Kind.TIMEOUT ? Status.TIMEOUT : Status.ERROR;
    return new ScanResult(scanner, Decision.ALLOW, 0.0, e.getMessage(), status, List.of(), Duration.ZERO, e.getMessage());
  }

  static ScanResult error(String scanner, String message) {
    return new ScanResult(scanner, Decision.ALLOW, 0.0, message, Status.ERROR, List.of(), Duration.ZERO, message);
  }
}
