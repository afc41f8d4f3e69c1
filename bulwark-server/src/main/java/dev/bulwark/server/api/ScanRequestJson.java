package dev.bulwark.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.Trace;
import dev.bulwark.core.MessageJson;
import dev.bulwark.server.http.ApiException;
import dev.bulwark.server.http.ErrorType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads {@code {"message": {...}}} or {@code {"messages": [...], "scanners"?: [...], "id"?: "..."}} with a precise
 * message for every mistake: which field, what was expected, what was found.
 */
final class ScanRequestJson {
  /** More scanner names than scanners exist is a mistake, not a request. */
  private static final int MAX_SCANNERS = 32;

  private ScanRequestJson() {}

  static ScanRequest read(JsonNode root, int maxMessages, int maxContentChars) {
    JsonNode one = root.get("message");
    JsonNode many = root.get("messages");
    if ((one == null) == (many == null)) {
      throw invalid(one == null
          ? "give \"message\": {\"role\", \"content\"} or \"messages\": [...] (a trace)"
          : "give either \"message\" or \"messages\", not both");
    }
    String id = null;
    JsonNode idNode = root.get("id");
    if (idNode != null && !idNode.isNull()) {
      if (!idNode.isTextual()) {
        throw invalid("id: expected a string, found " + kind(idNode));
      }
      id = idNode.asText();
    }
    List<String> scanners = scanners(root.get("scanners"));
    if (one != null) {
      Message m = message(one, "message", Role.USER, maxContentChars);
      return new ScanRequest(id, m, null, scanners);
    }
    if (!many.isArray()) {
      throw invalid("messages: expected an array of messages, found " + kind(many));
    }
    if (many.isEmpty()) {
      throw invalid("messages: the array is empty; give at least one message");
    }
    if (many.size() > maxMessages) {
      throw new ApiException(ErrorType.PAYLOAD_TOO_LARGE, "messages: " + many.size() + " messages; at most "
          + maxMessages + " per request (serve --max-messages)");
    }
    List<Message> messages = new ArrayList<>(many.size());
    for (int i = 0; i < many.size(); i++) {
      messages.add(message(many.get(i), "messages[" + i + "]", null, maxContentChars));
    }
    return new ScanRequest(id, null, Trace.of(messages), scanners);
  }

  private static Message message(JsonNode node, String where, Role defaultRole, int maxContentChars) {
    Message m;
    try {
      m = MessageJson.message(node, where, defaultRole);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    if (m.content().length() > maxContentChars) {
      throw new ApiException(ErrorType.PAYLOAD_TOO_LARGE, where + ".content: " + m.content().length()
          + " characters; the limit is " + maxContentChars + " (max-content-chars in the configuration)");
    }
    JsonNode language = node.get("language");
    if (language != null && !language.isNull()) {
      if (!language.isTextual()) {
        throw invalid(where + ".language: expected a string such as \"python\", found " + kind(language));
      }
      m = m.withAttribute(Message.LANGUAGE, language.asText().toLowerCase(Locale.ROOT));
    }
    return m;
  }

  private static List<String> scanners(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw invalid("scanners: expected an array of scanner names, found " + kind(node));
    }
    if (node.isEmpty()) {
      throw invalid("scanners: the array is empty; leave \"scanners\" out to run the configured scanners");
    }
    if (node.size() > MAX_SCANNERS) {
      throw invalid("scanners: " + node.size() + " names; at most " + MAX_SCANNERS);
    }
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode n = node.get(i);
      if (!n.isTextual() || n.asText().isBlank()) {
        throw invalid("scanners[" + i + "]: expected a scanner name, found " + kind(n));
      }
      names.add(n.asText().strip());
    }
    return List.copyOf(names);
  }

  static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> n.asText().isBlank() ? "an empty string" : "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> n.getNodeType().toString().toLowerCase(Locale.ROOT);
    };
  }

  private static ApiException invalid(String message) {
    return new ApiException(ErrorType.INVALID_REQUEST, message);
  }
}
