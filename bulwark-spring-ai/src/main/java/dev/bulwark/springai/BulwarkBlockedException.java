package dev.bulwark.springai;

import dev.bulwark.core.FirewallResult;

/**
 * Thrown by {@link BulwarkAdvisor} (with {@code bulwark.on-block=exception}, the default) when the firewall refuses the
 * user's message or the model's answer. Carries the verdict; the message says what was refused and why, quoting at most
 * the scanners' short excerpts of what matched, never the whole refused text.
 */
public final class BulwarkBlockedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient FirewallResult result;
  private final Direction direction;

  public BulwarkBlockedException(Direction direction, FirewallResult result) {
    super("Bulwark: the " + direction.describe() + " was " + (result.decision() == dev.bulwark.core.Decision.BLOCK
        ? "blocked" : "held for human review") + " (score " + String.format(java.util.Locale.ROOT, "%.2f", result.score())
        + "): " + result.reason());
    this.direction = direction;
    this.result = result;
  }

  public FirewallResult result() {
    return result;
  }

  public Direction direction() {
    return direction;
  }
}
