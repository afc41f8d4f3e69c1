package dev.bulwark.llm;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One completion request to an {@link LlmBackend}: either chat {@code messages} (the backend applies its chat
 * template) or a raw {@code prompt} that is used token for token (OpenAI {@code /v1/completions}; in-process GGUF).
 *
 * @param messages the conversation, or null for a raw prompt
 * @param prompt the raw prompt, or null for chat messages
 * @param maxTokens the most tokens to generate
 * @param temperature 0 for greedy decoding
 * @param topLogprobs -1: no log probabilities; 0: the chosen tokens' only; n: also the n most likely alternatives
 * @param stop strings that end generation
 * @param jsonObject ask for a JSON object answer ({@code response_format: json_object}) where the backend supports it
 * @param extraBody extra top-level fields for HTTP backends (e.g. vLLM's {@code chat_template_kwargs})
 * @param timeout how long the whole call may take, retries included
 */
public record LlmRequest(
    List<ChatMessage> messages,
    String prompt,
    int maxTokens,
    double temperature,
    int topLogprobs,
    List<String> stop,
    boolean jsonObject,
    Map<String, Object> extraBody,
    Duration timeout) {

  /** Default per-call timeout when the caller gives none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public LlmRequest {
    if ((messages == null) == (prompt == null)) {
      throw new IllegalArgumentException("a request has either messages or a raw prompt");
    }
    messages = messages == null ? null : List.copyOf(messages);
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be positive, got " + maxTokens);
    }
    stop = stop == null ? List.of() : List.copyOf(stop);
    extraBody = extraBody == null ? Map.of() : Map.copyOf(extraBody);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
  }

  public static LlmRequest chat(List<ChatMessage> messages) {
    return new LlmRequest(messages, null, 256, 0.0, -1, List.of(), false, Map.of(), DEFAULT_TIMEOUT);
  }

  public static LlmRequest raw(String prompt) {
    return new LlmRequest(null, prompt, 256, 0.0, -1, List.of(), false, Map.of(), DEFAULT_TIMEOUT);
  }

  public boolean isRaw() {
    return prompt != null;
  }

  public boolean wantsLogprobs() {
    return topLogprobs >= 0;
  }

  public LlmRequest withMaxTokens(int n) {
    return new LlmRequest(messages, prompt, n, temperature, topLogprobs, stop, jsonObject, extraBody, timeout);
  }

  public LlmRequest withTemperature(double t) {
    return new LlmRequest(messages, prompt, maxTokens, t, topLogprobs, stop, jsonObject, extraBody, timeout);
  }

  public LlmRequest withTopLogprobs(int n) {
    return new LlmRequest(messages, prompt, maxTokens, temperature, n, stop, jsonObject, extraBody, timeout);
  }

  public LlmRequest withStop(List<String> s) {
    return new LlmRequest(messages, prompt, maxTokens, temperature, topLogprobs, s, jsonObject, extraBody, timeout);
  }

  public LlmRequest withJsonObject(boolean json) {
    return new LlmRequest(messages, prompt, maxTokens, temperature, topLogprobs, stop, json, extraBody, timeout);
  }

  public LlmRequest withExtraBody(Map<String, Object> body) {
    return new LlmRequest(messages, prompt, maxTokens, temperature, topLogprobs, stop, jsonObject, body, timeout);
  }

  public LlmRequest withTimeout(Duration d) {
    return new LlmRequest(messages, prompt, maxTokens, temperature, topLogprobs, stop, jsonObject, extraBody, d);
  }

  public boolean hasImages() {
    return messages != null && messages.stream().anyMatch(ChatMessage::hasImages);
  }
}
