package dev.bulwark.gateway.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.FirewallResult;

/** The JSON the gateway writes itself: OpenAI's error object, a refusal completion and chunk, a text chunk. */
public final class OpenAiShapes {
  public static final ObjectMapper JSON = new ObjectMapper();

  private OpenAiShapes() {}

  /** {@code {"error": {"message", "type", "param": null, "code"}}}. */
  public static String error(String message, String type, String code) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode e = root.putObject("error");
    e.put("message", message);
    e.put("type", type);
    e.putNull("param");
    if (code == null) {
      e.putNull("code");
    } else {
      e.put("code", code);
    }
    return root.toString();
  }

  /** The error of a refusal, naming the verdict's reason (short, escaped excerpts only). */
  public static String blocked(String what, FirewallResult verdict) {
    return error("Bulwark refused the " + what + ": " + verdict.reason(), "invalid_request_error", "content_blocked");
  }

  /** A whole {@code chat.completion} whose answer is {@code text}. */
  public static String completion(String id, String model, long created, String text, String finishReason) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode c = firstChoice(root, id, "chat.completion", model, created);
    ObjectNode m = c.putObject("message");
    m.put("role", "assistant");
    m.put("content", text);
    c.put("finish_reason", finishReason);
    return root.toString();
  }

  /** One {@code chat.completion.chunk} with {@code text} as the delta's content (and a finish reason or null). */
  public static String chunk(String id, String model, long created, String text, String finishReason) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode c = firstChoice(root, id, "chat.completion.chunk", model, created);
    ObjectNode d = c.putObject("delta");
    if (text != null) {
      d.put("content", text);
    }
    if (finishReason == null) {
      c.putNull("finish_reason");
    } else {
      c.put("finish_reason", finishReason);
    }
    return root.toString();
  }

  /** The fields a completion and a chunk share; returns the single choice, index 0, for the caller to fill. */
  private static ObjectNode firstChoice(ObjectNode root, String id, String object, String model, long created) {
    root.put("id", id);
    root.put("object", object);
    root.put("created", created);
    root.put("model", model);
    ArrayNode choices = root.putArray("choices");
    ObjectNode c = choices.addObject();
    c.put("index", 0);
    return c;
  }
}
