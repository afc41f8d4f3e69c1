package dev.bulwark.core;

import java.util.Objects;

/**
 * A tool call an assistant message asks for.
 *
 * @param id the call id, or null when the caller has none
 * @param name the tool's name
 * @param arguments the arguments as a JSON text (as OpenAI-style APIs carry them); "{}" when there are none
 */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    Objects.requireNonNull(name, "tool call name");
    arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
  }

  public static ToolCall of(String name, String arguments) {
    return new ToolCall(null, name, arguments);
  }
}
