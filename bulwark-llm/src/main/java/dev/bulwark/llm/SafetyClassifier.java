package dev.bulwark.llm;

import java.util.List;

/**
 * Judges whether the last message of a conversation is unsafe, per hazard category. Llama Guard on an LLM backend is
 * one implementation; an embedded offline classifier is another. {@link Moderation} serves any of them.
 */
public interface SafetyClassifier {

  /** The model name moderation answers report. */
  String name();

  /** The categories this classifier scores, in order. */
  List<HazardCategory> categories();

  /**
   * Judges the last message of {@code conversation} (user or assistant) in the context of the ones before it.
   *
   * @throws LlmException when the backend fails or answers something unusable
   * @throws IllegalArgumentException when the conversation cannot be judged (empty, no user or assistant message)
   */
  SafetyAssessment assess(List<ChatMessage> conversation);

  /**
   * Whether image content parts reach the model. A classifier that reads text only must not be handed images as if it
   * had judged them: callers refuse such input instead.
   */
  default boolean readsImages() {
    return false;
  }
}
