package dev.bulwark.llm;

import java.util.List;

/**
 * A {@code /v1/moderations} request in either accepted shape.
 *
 * @param shape which API shape the request came in; the answer uses the same one
 * @param items what to judge: OpenAI shape: one single-message conversation per input (a list of content parts is
 *     one multimodal input); Llama API shape: the whole conversation, judged at its last message
 * @param model the model the caller named, or null
 */
public record ModerationRequest(Shape shape, List<List<ChatMessage>> items, String model) {
  public enum Shape { OPENAI, LLAMA }

  public ModerationRequest {
    items = items.stream().map(List::copyOf).toList();
  }
}
