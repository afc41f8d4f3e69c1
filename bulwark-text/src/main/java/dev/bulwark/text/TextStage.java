package dev.bulwark.text;

/**
 * One step of a {@link TextChain}, in the manner of Lucene's {@code CharFilter}: reads a text and writes a view of it
 * into a {@link ViewBuilder}, saying for every char it writes which input chars it stands for.
 */
public interface TextStage {
  /** A short name for traces and docs. */
  String name();

  /**
   * False when this stage would leave {@code text} as it is; lets the chain skip the stage (and its allocations) on
   * the common case. A cheap, conservative check: true is always allowed.
   */
  boolean mayChange(String text);

  /** Writes the view of {@code text} into {@code out}. Must run in time linear in the text's length. */
  void apply(String text, ViewBuilder out);
}
