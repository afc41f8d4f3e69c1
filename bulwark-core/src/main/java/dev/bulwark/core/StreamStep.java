package dev.bulwark.core;

import java.util.Objects;

/**
 * What one call of {@link AnswerStream#offer} or {@link AnswerStream#finish} gives back.
 *
 * @param released text checked and now free to show, continuing what was released before; often empty
 * @param verdict null while the answer is still open; the verdict once the stream stopped (a block: nothing more is
 *     released) or finished
 */
public record StreamStep(String released, FirewallResult verdict) {
  public StreamStep {
    Objects.requireNonNull(released, "released");
  }

  /** True once the stream has a verdict: blocked, or finished. */
  public boolean done() {
    return verdict != null;
  }

  /** True when the stream stopped (or finished) with a block: the rest of the answer must not be shown. */
  public boolean blocked() {
    return verdict != null && verdict.decision() == Decision.BLOCK;
  }
}
