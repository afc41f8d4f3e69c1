package dev.bulwark.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A scanner as one role runs it: under a name, with a failure mode and a deadline.
 *
 * @param name the instance name results carry (the configuration key; the scanner's own name by default)
 * @param scanner the shared scanner instance
 * @param failureMode the verdict when the scanner errs or times out
 * @param deadline how long the scanner may take for one message
 */
public record ScannerBinding(String name, Scanner scanner, FailureMode failureMode, Duration deadline) {
  public ScannerBinding {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scanner, "scanner");
    Objects.requireNonNull(failureMode, "failureMode");
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive: " + deadline);
    }
  }
}
