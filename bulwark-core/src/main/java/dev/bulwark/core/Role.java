package dev.bulwark.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Who a message comes from. The wire names are LlamaFirewall's: {@code user}, {@code system}, ... */
public enum Role {
  USER,
  SYSTEM,
  /** Output of the LLM. */
  ASSISTANT,
  /** Output of a tool the agent called: web pages, files, API responses. */
  TOOL,
  /** Content recalled from an agent's memory store. */
  MEMORY;

  /** The lower-case name used in JSON, YAML and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code text} is not a role
   */
  public static Role parse(String text) {
    if (text != null) {
      for (Role role : values()) {
        if (role.id().equalsIgnoreCase(text.trim())) {
          return role;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown role '" + text + "'; expected one of " + allIds());
  }

  public static String allIds() {
    return Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id();
  }
}
