package dev.bulwark.eval;

/**
 * Follows a run stage by stage ({@code query}, {@code judge}). Called from worker threads: implementations must be
 * thread-safe.
 */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /** A stage begins with {@code total} items. */
  default void stageStarted(String stage, int total) {}

  /**
   * One item is done.
   *
   * @param failed the item ended in an error (query, input or judge)
   * @param cached every model call it needed came from the response cache
   */
  default void itemDone(String stage, boolean failed, boolean cached) {}

  default void stageFinished(String stage) {}
}
