package dev.bulwark.core;

import dev.bulwark.core.batch.BatchInput;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.Role;
import dev.bulwark.core.ResultJson;
import java.util.concurrent.CompletableFuture;

/**
 * One batch input line to one batch output line (contracts §4). {@code bulwark batch} and the Spark job both write
 * through here, so the same line gives the same output line whichever of them scanned it.
 */
public final class BatchLineScan {

  /**
   * An output line and what it counts as.
   *
   * @param json the output line (no newline)
   * @param decision the firewall's decision, or null when the line could not be scanned at all
   * @param error true when the line is an error line or the firewall's status is error or timeout
   */
  public record Outcome(String json, Decision decision, boolean error) {}

  private BatchLineScan() {}

  /** Scans the input line numbered {@code lineNumber} (1-based, for error messages). */
  public static Outcome scan(Firewall firewall, long lineNumber, String line, Role defaultRole) {
    return scanAsync(firewall, lineNumber, line, defaultRole).join();
  }

  /**
   * As {@link #scan}, without waiting for the scanners that run on the firewall's pool, so a caller can keep several
   * lines in flight (and the model scanners batch them). The future never completes exceptionally.
   */
  public static CompletableFuture<Outcome> scanAsync(Firewall firewall, long lineNumber, String line, Role defaultRole) {
    BatchInput input;
    try {
      input = BatchInput.parse(line, defaultRole);
    } catch (BatchInput.Invalid e) {
      return CompletableFuture.completedFuture(
          new Outcome(ResultJson.errorLine(e.id(), "line " + lineNumber + ": " + e.getMessage()), null, true));
    }
    try {
      return firewall.scanAsync(input.message(), input.context()).thenApply(result -> new Outcome(
          ResultJson.toJson(input.id(), result, ResultJson.Shape.BATCH_LINE), result.decision(),
          result.status().isFailure()));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(
          new Outcome(ResultJson.errorLine(input.id(), "line " + lineNumber + ": " + e), null, true));
    }
  }

  /** The output for an input line that could not be read (too long, not UTF-8): why, and no id. */
  public static Outcome unreadable(long lineNumber, String why) {
    return new Outcome(ResultJson.errorLine(null, "line " + lineNumber + ": " + why), null, true);
  }

  /** True for lines that are not inputs at all (blank lines, such as a trailing newline): they get no output line. */
  public static boolean isBlank(String line) {
    return line != null && line.isBlank();
  }
}
