package dev.bulwark.llm;

import java.time.Duration;
import java.util.List;

/**
 * What a backend answered.
 *
 * @param text the generated text
 * @param logprobs per generated token, when asked for and the backend gives them; else empty
 * @param finishReason {@code stop}, {@code length}, or what the server said
 * @param model the model that answered, as the backend names it
 * @param promptTokens tokens in the prompt, or -1 when unknown
 * @param completionTokens tokens generated, or -1 when unknown
 * @param elapsed wall time of the call
 */
public record LlmResponse(
    String text, List<TokenLogprob> logprobs, String finishReason, String model, int promptTokens,
    int completionTokens, Duration elapsed) {
  public LlmResponse {
    text = text == null ? "" : text;
    logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
    finishReason = finishReason == null ? "stop" : finishReason;
    elapsed = elapsed == null ? Duration.ZERO : elapsed;
  }

  public LlmResponse withElapsed(Duration d) {
    return new LlmResponse(text, logprobs, finishReason, model, promptTokens, completionTokens, d);
  }
}
