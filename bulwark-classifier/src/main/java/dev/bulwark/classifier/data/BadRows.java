package dev.bulwark.classifier.data;

import java.util.ArrayList;
import java.util.List;

/**
 * What reading labelled data does with a bad row (not JSON, not UTF-8, no text, an empty text, a missing or unknown
 * label, an id seen before, a line over the size limit): stop at the first with its file and line, or skip it, note
 * it and go on. A skipped row is never silently lost: {@link #problems()} lists each one.
 */
public final class BadRows {
  /** The choice a user makes ({@code --on-bad-row}). */
  public enum Policy { FAIL, SKIP }

  private final Policy policy;
  private final List<String> problems = new ArrayList<>();

  public BadRows(Policy policy) {
    this.policy = policy;
  }

  /** Stop at the first bad row. */
  public static BadRows failFast() {
    return new BadRows(Policy.FAIL);
  }

  /**
   * A bad row at {@code where} ("file:line").
   *
   * @throws IllegalArgumentException under {@link Policy#FAIL}
   */
  public void report(String where, String problem) {
    String message = where + ": " + problem;
    if (policy == Policy.FAIL) {
      throw new IllegalArgumentException(message);
    }
    problems.add(message);
  }

  /** The rows skipped so far, one message each. */
  public List<String> problems() {
    return List.copyOf(problems);
  }
}
