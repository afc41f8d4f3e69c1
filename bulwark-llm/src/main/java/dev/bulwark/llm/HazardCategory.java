package dev.bulwark.llm;

import java.util.Locale;
import java.util.Objects;

/**
 * A category of a Llama Guard policy: a code ({@code S1}), the name the prompt shows ({@code Violent Crimes.}) and an
 * optional description written on the line after it (custom policies).
 */
public record HazardCategory(String code, String name, String description) {
  public HazardCategory {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    description = description == null || description.isBlank() ? null : description.strip();
  }

  public static HazardCategory of(String code, String name) {
    return new HazardCategory(code, name, null);
  }

  /**
   * A stable snake_case key for moderation answers: {@code Violent Crimes.} becomes {@code violent_crimes},
   * {@code Self-Harm.} becomes {@code self_harm}.
   */
  public String key() {
    String k = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return k.isEmpty() ? code.toLowerCase(Locale.ROOT) : k;
  }

  /** The category's line(s) in the prompt's category block, without the trailing newline. */
  public String promptLine() {
    return code + ": " + name + (description == null ? "" : "\n" + description);
  }
}
