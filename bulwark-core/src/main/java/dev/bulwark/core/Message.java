package dev.bulwark.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message of a conversation or agent trace.
 *
 * @param role who produced it
 * @param content its text; may be empty (an assistant turn that only calls tools)
 * @param toolCalls tool calls an assistant message requests; empty when none
 * @param attributes hints for scanners, e.g. {@code language=python} for code; never null
 */
public record Message(Role role, String content, List<ToolCall> toolCalls, Map<String, String> attributes) {

  /** Attribute naming the programming language of a message that is code. */
  public static final String LANGUAGE = "language";

  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  public Message(Role role, String content) {
    this(role, content, List.of(), Map.of());
  }

  public static Message user(String content) {
    return new Message(Role.USER, content);
  }

  public static Message system(String content) {
    return new Message(Role.SYSTEM, content);
  }

  public static Message assistant(String content) {
    return new Message(Role.ASSISTANT, content);
  }

  public static Message assistant(String content, List<ToolCall> toolCalls) {
    return new Message(Role.ASSISTANT, content, toolCalls, Map.of());
  }

  public static Message tool(String content) {
    return new Message(Role.TOOL, content);
  }

  public static Message memory(String content) {
    return new Message(Role.MEMORY, content);
  }

  /** A copy of this message with one more attribute. */
  public Message withAttribute(String key, String value) {
    var copy = new java.util.HashMap<>(attributes);
    copy.put(key, value);
    return new Message(role, content, toolCalls, copy);
  }

  /** The attribute's value, or null. */
  public String attribute(String key) {
    return attributes.get(key);
  }

  @Override
  public String toString() {
    // Never the whole content: messages end up in logs.
    return "Message[" + role.id() + ", " + Excerpt.of(content, 40) + (toolCalls.isEmpty() ? "" : ", " + toolCalls.size() + " tool calls") + "]";
  }
}
