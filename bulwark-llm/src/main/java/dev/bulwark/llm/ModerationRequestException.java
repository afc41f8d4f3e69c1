package dev.bulwark.llm;

/**
 * A moderation request this server cannot answer as asked (an unknown {@code model}, an image the model cannot read).
 * Carries OpenAI's error fields, so an OpenAI client shows the same kind of error OpenAI's API would give.
 */
public final class ModerationRequestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String param;
  private final String code;

  /**
   * @param param the request field at fault ({@code model}, {@code input})
   * @param code a stable, machine-readable reason ({@code model_not_found}, {@code image_input_not_supported})
   */
  public ModerationRequestException(String message, String param, String code) {
    super(message);
    this.param = param;
    this.code = code;
  }

  public String param() {
    return param;
  }

  public String code() {
    return code;
  }
}
