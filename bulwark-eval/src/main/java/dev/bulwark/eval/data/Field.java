package dev.bulwark.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A record field a benchmark reads, by its upstream name, with the JSON type it must have.
 *
 * @param name the upstream field name
 * @param type what the value must be
 * @param required whether a record without it cannot be scored (optional fields only refine the statistics)
 */
public record Field(String name, Type type, boolean required) {
  public enum Type {
    /** A JSON string. */
    TEXT,
    /** A JSON list of strings, or a single string (taken as a one-element list). */
    LIST,
    /** Any JSON value (rendered as JSON text when a prompt needs it). */
    ANY
  }

  public static Field text(String name) {
    return new Field(name, Type.TEXT, true);
  }

  public static Field list(String name) {
    return new Field(name, Type.LIST, true);
  }

  public static Field any(String name) {
    return new Field(name, Type.ANY, true);
  }

  public Field optional() {
    return new Field(name, type, false);
  }

  /** Why {@code value} does not fit this field, or null when it does. */
  String mismatch(JsonNode value) {
    return switch (type) {
      case TEXT -> value.isTextual() ? null : "is " + Records.kind(value) + ", expected a string";
      case LIST -> value.isTextual() || (value.isArray() && allScalars(value)) ? null
          : "is " + Records.kind(value) + ", expected a list of strings";
      case ANY -> value.isNull() ? "is null" : null;
    };
  }

  private static boolean allScalars(JsonNode array) {
    for (JsonNode n : array) {
      if (n.isContainerNode() || n.isNull()) {
        return false;
      }
    }
    return true;
  }

  /** The string value, or null when absent. */
  public static String text(ObjectNode record, String name) {
    JsonNode n = record.get(name);
    return n == null || n.isNull() ? null : n.isTextual() ? n.asText() : n.toString();
  }

  /** The list value (a string is a one-element list), empty when absent. */
  public static List<String> list(ObjectNode record, String name) {
    JsonNode n = record.get(name);
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isArray()) {
      n.forEach(e -> out.add(e.isTextual() ? e.asText() : e.toString()));
    } else {
      out.add(n.isTextual() ? n.asText() : n.toString());
    }
    return out;
  }
}
