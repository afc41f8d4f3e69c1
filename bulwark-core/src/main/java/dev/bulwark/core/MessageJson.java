package dev.bulwark.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads messages in the shape the CLI, the batch contract and the HTTP API accept:
 * {@code {"role": "user", "content": "...", "tool_calls": [...]}}. Tool calls may be OpenAI-shaped
 * ({@code {"id", "type": "function", "function": {"name", "arguments"}}}) or flat ({@code {"id", "name",
 * "arguments"}}); arguments may be a JSON string or an object. Content may be a string or a list of OpenAI content
 * parts, whose text parts are joined.
 */
public final class MessageJson {
  /** Deep nesting is an attack on recursive parsers, not a conversation. */
  public static final int MAX_NESTING = 200;

  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
      .build());

  private MessageJson() {}

  /** A mapper with Bulwark's parsing limits, for callers that read JSON input. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Thrown for JSON that is valid but not a message; the text says which field is wrong. */
  public static final class InvalidMessageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidMessageException(String message) {
      super(message);
    }
  }

  public static JsonNode parseTree(String json) throws JsonProcessingException {
    return MAPPER.readTree(json);
  }

  /** Reads a JSON array of messages. {@code where} prefixes error messages (e.g. "messages"). */
  public static List<Message> messages(JsonNode array, String where) {
    if (array == null || !array.isArray()) {
      throw new InvalidMessageException(where + ": expected a JSON array of messages, found " + describe(array));
    }
    List<Message> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(message(array.get(i), where + "[" + i + "]", Role.USER));
    }
    return out;
  }

  /** Reads one message; {@code defaultRole} applies when the object has no role. */
  public static Message message(JsonNode node, String where, Role defaultRole) {
    if (node == null || !node.isObject()) {
      throw new InvalidMessageException(where + ": expected a message object, found " + describe(node));
    }
    Role role = defaultRole;
    JsonNode roleNode = node.get("role");
    if (roleNode != null && !roleNode.isNull()) {
      if (!roleNode.isTextual()) {
        throw new InvalidMessageException(where + ".role: expected a string, found " + describe(roleNode));
      }
      try {
        role = Role.parse(roleNode.asText());
      } catch (IllegalArgumentException e) {
        throw new InvalidMessageException(where + ".role: " + e.getMessage());
      }
    } else if (defaultRole == null) {
      throw new InvalidMessageException(where + ": missing \"role\"");
    }
    String content = content(node.get("content"), where + ".content");
    List<ToolCall> calls = toolCalls(node.get("tool_calls"), where + ".tool_calls");
    if (content == null) {
      if (calls.isEmpty()) {
        throw new InvalidMessageException(where + ": missing \"content\"");
      }
      content = "";
    }
    return new Message(role, content, calls, Map.of());
  }

  private static String content(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : node) {
        if (part.isTextual()) {
          append(text, part.asText());
        } else if (part.isObject() && part.path("type").asText("text").equals("text") && part.get("text") != null) {
          append(text, part.get("text").asText());
        }
      }
      return text.toString();
    }
    throw new InvalidMessageException(where + ": expected a string or a list of content parts, found " + describe(node));
  }

  private static void append(StringBuilder b, String s) {
    if (b.length() > 0) {
      b.append('\n');
    }
    b.append(s);
  }

  private static List<ToolCall> toolCalls(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new InvalidMessageException(where + ": expected a list, found " + describe(node));
    }
    List<ToolCall> calls = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode call = node.get(i);
      String at = where + "[" + i + "]";
      if (!call.isObject()) {
        throw new InvalidMessageException(at + ": expected an object, found " + describe(call));
      }
      JsonNode fn = call.has("function") ? call.get("function") : call;
      JsonNode name = fn.get("name");
      if (name == null || !name.isTextual() || name.asText().isEmpty()) {
        throw new InvalidMessageException(at + ": missing tool \"name\"");
      }
      JsonNode args = fn.get("arguments");
      String arguments = args == null || args.isNull() ? "{}" : args.isTextual() ? args.asText() : args.toString();
      JsonNode id = call.get("id");
      calls.add(new ToolCall(id != null && id.isTextual() ? id.asText() : null, name.asText(), arguments));
    }
    return calls;
  }

  static String describe(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    return switch (n.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
