package dev.bulwark.springai;

/** Which side of the model call a verdict is about. */
public enum Direction {
  /** The user's message, before the model is called. */
  INPUT,
  /** The model's answer, after the call. */
  OUTPUT;

  String describe() {
    return this == INPUT ? "user message" : "model's answer";
  }

  /** Lower-case, for metric tags and context keys. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
