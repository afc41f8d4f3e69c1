package dev.bulwark.promptguard;

/**
 * Something that scores text for prompt attacks: the embedded default (n-grams + MiniLM, trained here) or a Hugging
 * Face classifier export such as Prompt Guard 2. Thread-safe.
 */
public interface PromptAttackModel extends AutoCloseable {

  /** Scores the whole text (nothing is dropped, however long). */
  Verdict score(String text);

  /** One line for reasons and reports, e.g. {@code embedded n-gram+MiniLM head v1}. */
  String description();

  /** The threshold this model was calibrated for when configuration gives none. */
  double defaultThreshold();

  @Override
  default void close() {}
}
