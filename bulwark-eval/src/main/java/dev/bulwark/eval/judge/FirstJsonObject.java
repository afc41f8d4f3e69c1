package dev.bulwark.eval.judge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/** The first JSON object embedded in a judge's answer, wherever it starts (prose and code fences around it are fine). */
final class FirstJsonObject {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FirstJsonObject() {}

  static Optional<ObjectNode> in(String text) {
    for (int at = text.indexOf('{'); at >= 0; at = text.indexOf('{', at + 1)) {
      try (JsonParser p = JSON.createParser(text.substring(at))) {
        JsonNode node = JSON.readTree(p);
        if (node instanceof ObjectNode o) {
          return Optional.of(o);
        }
      } catch (IOException e) {
        // not an object starting here: try the next brace
      }
    }
    return Optional.empty();
  }

  /** A JSON boolean, or the strings "true"/"false"; null for anything else. */
  static Boolean bool(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      String t = node.asText().trim();
      if (t.equalsIgnoreCase("true")) {
        return true;
      }
      if (t.equalsIgnoreCase("false")) {
        return false;
      }
    }
    return null;
  }
}
