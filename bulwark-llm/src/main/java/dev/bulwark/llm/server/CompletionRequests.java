package dev.bulwark.llm.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.llm.ChatMessage;
import dev.bulwark.llm.ContentPart;
import dev.bulwark.llm.LlmRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns OpenAI request bodies into {@link LlmRequest}s, rejecting what the local model cannot do with a 400. */
final class CompletionRequests {
  static final int DEFAULT_MAX_TOKENS = 256;
  static final int MAX_TOKENS_LIMIT = 4096;

  private CompletionRequests() {}

  static LlmRequest chat(ObjectNode body, Duration timeout) {
    JsonNode messages = body.path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      throw Exchanges.HttpError.invalid("'messages' must be a non-empty array");
    }
    List<ChatMessage> out = new ArrayList<>();
    int i = 0;
    for (JsonNode m : messages) {
      String role = m.path("role").asText("");
      if (role.isEmpty()) {
        throw Exchanges.HttpError.invalid("messages[" + i + "].role is missing");
      }
      JsonNode content = m.path("content");
      List<ContentPart> parts = new ArrayList<>();
      if (content.isTextual()) {
        parts.add(ContentPart.text(content.asText()));
      } else if (content.isArray()) {
        for (JsonNode p : content) {
          String type = p.path("type").asText("");
          switch (type) {
            case "text" -> parts.add(ContentPart.text(p.path("text").asText("")));
            case "image_url" -> throw Exchanges.HttpError.invalid("messages[" + i + "]: this model is text-only; image_url"
                + " content is not supported");
            default -> throw Exchanges.HttpError.invalid("messages[" + i + "]: unsupported content part type '" + type + "'");
          }
        }
      } else if (!content.isNull() && !content.isMissingNode()) {
        throw Exchanges.HttpError.invalid("messages[" + i + "].content must be a string or an array of parts");
      }
      out.add(new ChatMessage(role, parts));
      i++;
    }
    int topLogprobs = -1;
    if (body.path("logprobs").asBoolean(false)) {
      topLogprobs = body.path("top_logprobs").asInt(0);
      if (topLogprobs < 0 || topLogprobs > 20) {
        throw Exchanges.HttpError.invalid("top_logprobs must be between 0 and 20");
      }
    } else if (body.hasNonNull("top_logprobs") && body.path("top_logprobs").asInt(0) > 0) {
      throw Exchanges.HttpError.invalid("top_logprobs needs logprobs: true");
    }
    return common(LlmRequest.chat(out), body, timeout).withTopLogprobs(topLogprobs);
  }

  static LlmRequest completion(ObjectNode body, Duration timeout) {
    JsonNode prompt = body.path("prompt");
    String text;
    if (prompt.isTextual()) {
      text = prompt.asText();
    } else if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
      text = prompt.get(0).asText();
    } else {
      throw Exchanges.HttpError.invalid("'prompt' must be a string (one prompt per request)");
    }
    int topLogprobs = body.hasNonNull("logprobs") ? body.path("logprobs").asInt(0) : -1;
    if (topLogprobs > 5) {
      throw Exchanges.HttpError.invalid("logprobs must be between 0 and 5");
    }
    return common(LlmRequest.raw(text), body, timeout).withTopLogprobs(topLogprobs);
  }

  private static LlmRequest common(LlmRequest r, ObjectNode body, Duration timeout) {
    if (body.path("n").asInt(1) != 1) {
      throw Exchanges.HttpError.invalid("only n = 1 is supported");
    }
    JsonNode maxNode = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
    int max = maxNode == null || maxNode.isNull() ? DEFAULT_MAX_TOKENS : maxNode.asInt(-1);
    if (max < 1 || max > MAX_TOKENS_LIMIT) {
      throw Exchanges.HttpError.invalid("max_tokens must be between 1 and " + MAX_TOKENS_LIMIT);
    }
    double temperature = body.path("temperature").asDouble(1.0);
    if (temperature < 0 || temperature > 2) {
      throw Exchanges.HttpError.invalid("temperature must be between 0 and 2");
    }
    List<String> stop = new ArrayList<>();
    JsonNode s = body.path("stop");
    if (s.isTextual()) {
      stop.add(s.asText());
    } else if (s.isArray()) {
      s.forEach(x -> stop.add(x.asText()));
    }
    return r.withMaxTokens(max).withTemperature(temperature).withStop(stop).withTimeout(timeout);
  }
}
