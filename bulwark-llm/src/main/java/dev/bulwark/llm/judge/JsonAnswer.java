package dev.bulwark.llm.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Finds the JSON object in a model's answer, however chatty: code fences, text before and after, several objects.
 * The first balanced {@code {...}} that parses and has the wanted field wins; else the first that parses.
 */
public final class JsonAnswer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonAnswer() {}

  public static Optional<ObjectNode> find(String text, String wantedField) {
    if (text == null) {
      return Optional.empty();
    }
    ObjectNode first = null;
    for (int start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
      int end = matchingBrace(text, start);
      if (end < 0) {
        continue;
      }
      try {
        JsonNode n = JSON.readTree(text.substring(start, end + 1));
        if (n instanceof ObjectNode o) {
          if (wantedField == null || o.has(wantedField)) {
            return Optional.of(o);
          }
          if (first == null) {
            first = o;
          }
        }
      } catch (JsonProcessingException ignored) {
        // not this one: try the next brace
      }
    }
    return Optional.ofNullable(first);
  }

  /** The index of the brace closing the one at {@code start}, skipping braces inside strings; -1 if unbalanced. */
  static int matchingBrace(String s, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  /** A boolean field: JSON true/false, or the strings true/false/yes/no; empty when absent or anything else. */
  public static Optional<Boolean> bool(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return Optional.empty();
    }
    if (n.isBoolean()) {
      return Optional.of(n.asBoolean());
    }
    if (n.isTextual()) {
      return switch (n.asText().trim().toLowerCase(java.util.Locale.ROOT)) {
        case "true", "yes" -> Optional.of(true);
        case "false", "no" -> Optional.of(false);
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }
}
