package dev.bulwark.llm;

import java.util.Optional;

/**
 * A language model that completes chat conversations or raw prompts: an OpenAI-compatible HTTP endpoint or a GGUF model
 * run in process. Implementations are thread-safe and honour {@link LlmRequest#timeout()}: a call never blocks
 * longer than that, whatever the model or server does.
 */
public interface LlmBackend extends AutoCloseable {

  /** The backend's name in configuration (the key under {@code backends:}). */
  String name();

  /** A short description for messages: type, model, where. Never contains secrets. */
  String describe();

  /**
   * Completes the request.
   *
   * @throws LlmException when the backend is down, too slow, answers garbage, or cannot serve the request
   */
  LlmResponse complete(LlmRequest request);

  /** Whether raw prompts ({@link LlmRequest#raw}) are used token for token. */
  default boolean acceptsRawPrompts() {
    return false;
  }

  /** Whether image content parts reach the model. */
  default boolean acceptsImages() {
    return false;
  }

  /** Exact next-token probabilities for chosen candidates, where the backend can compute them cheaply. */
  default Optional<TokenScoring> tokenScoring() {
    return Optional.empty();
  }

  @Override
  default void close() {}
}
