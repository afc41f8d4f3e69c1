package dev.bulwark.gateway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An OpenAI chat request's {@code messages} as Bulwark messages. */
public final class RequestMessages {
  private RequestMessages() {}

  /**
   * @throws IllegalArgumentException naming the message and field when the shape is wrong
   */
  public static List<Message> of(JsonNode messages) {
    if (messages == null || !messages.isArray()) {
      throw new IllegalArgumentException("'messages' must be an array of messages");
    }
    List<Message> out = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      if (!m.isObject() || !m.path("role").isTextual()) {
        throw new IllegalArgumentException("messages[" + i + "] must be an object with a string 'role'");
      }
      Role role = switch (m.get("role").asText()) {
        case "system", "developer" -> Role.SYSTEM;
        case "user" -> Role.USER;
        case "assistant" -> Role.ASSISTANT;
        case "tool", "function" -> Role.TOOL;
        default -> throw new IllegalArgumentException(
            "messages[" + i + "].role: expected system, developer, user, assistant or tool, got '" + m.get("role").asText() + "'");
      };
      List<ToolCall> calls = new ArrayList<>();
      for (JsonNode c : m.path("tool_calls")) {
        JsonNode f = c.path("function");
        calls.add(new ToolCall(c.path("id").asText(""), f.path("name").asText(""), f.path("arguments").asText("")));
      }
      out.add(new Message(role, text(m.get("content"), i), calls, Map.of()));
    }
    return out;
  }

  /** A content string, or the text parts of a content array (images and audio carry no text to scan). */
  static String text(JsonNode content, int index) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      StringBuilder b = new StringBuilder();
      for (JsonNode part : content) {
        if (part.path("type").asText().equals("text") && part.path("text").isTextual()) {
          b.append(b.length() == 0 ? "" : "\n").append(part.get("text").asText());
        }
      }
      return b.toString();
    }
    throw new IllegalArgumentException("messages[" + index + "].content must be a string, an array of parts or null");
  }
}
