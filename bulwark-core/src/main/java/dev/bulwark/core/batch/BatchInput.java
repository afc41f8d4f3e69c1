package dev.bulwark.core.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.Trace;
import dev.bulwark.core.MessageJson;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One parsed batch input line (contracts §4): id, the message, and its context. */
public record BatchInput(String id, Message message, Trace context) {

  /** Thrown for a line that is not a valid batch input; carries the id when it could be read. */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    private final String id;

    Invalid(String id, String message) {
      super(message);
      this.id = id;
    }

    /** The line's id, or null when it could not be read. */
    public String id() {
      return id;
    }
  }

  /**
   * Parses one line; {@code defaultRole} applies when the line has no {@code "role"}.
   *
   * @throws Invalid when the line is not a batch input, with why (and the id when it could be read)
   */
  public static BatchInput parse(String line, Role defaultRole) throws Invalid {
    JsonNode node;
    try {
      node = MessageJson.parseTree(line);
    } catch (JsonProcessingException e) {
      throw new Invalid(null, "not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new Invalid(null, "expected a JSON object with \"id\" and \"text\"");
    }
    JsonNode idNode = node.get("id");
    String id = idNode == null || idNode.isNull() ? null : idNode.isValueNode() ? idNode.asText() : null;
    if (id == null) {
      throw new Invalid(null, "missing \"id\" (a string)");
    }
    JsonNode text = node.get("text");
    if (text == null || text.isNull()) {
      text = node.get("code");
    }
    if (text == null || text.isNull()) {
      throw new Invalid(id, "missing \"text\" (or \"code\")");
    }
    if (!text.isTextual()) {
      throw new Invalid(id, "\"text\" must be a string");
    }
    Role role = defaultRole;
    JsonNode roleNode = node.get("role");
    if (roleNode != null && !roleNode.isNull()) {
      try {
        role = Role.parse(roleNode.asText());
      } catch (IllegalArgumentException e) {
        throw new Invalid(id, "role: " + e.getMessage());
      }
    }
    Message message = new Message(role, text.asText());
    JsonNode lang = node.get("language");
    if (lang != null && lang.isTextual() && !lang.asText().isBlank()) {
      message = new Message(role, text.asText(), List.of(), Map.of(Message.LANGUAGE, lang.asText().toLowerCase(Locale.ROOT)));
    }
    Trace context = Trace.empty();
    JsonNode ctx = node.get("context");
    if (ctx != null && !ctx.isNull()) {
      try {
        context = Trace.of(MessageJson.messages(ctx, "context"));
      } catch (IllegalArgumentException e) {
        throw new Invalid(id, e.getMessage());
      }
    }
    return new BatchInput(id, message, context);
  }
}
