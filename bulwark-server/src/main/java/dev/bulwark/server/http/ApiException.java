package dev.bulwark.server.http;

/**
 * A request that ends in an error answer: {@code {"error": {"message", "type"}}} with the type's status. The message
 * is shown to the client as is: it says what was wrong and how to fix it, and never echoes more than an excerpt of
 * the input.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorType type;
  private final int retryAfterSeconds;
  private final String param;
  private final String code;

  public ApiException(ErrorType type, String message) {
    this(type, message, 0);
  }

  /** @param retryAfterSeconds sent as {@code Retry-After} when positive */
  public ApiException(ErrorType type, String message, int retryAfterSeconds) {
    this(type, message, retryAfterSeconds, null, null);
  }

  /**
   * An error that also names the request field at fault and a machine-readable code, as OpenAI's errors do
   * ({@code {"error": {"message", "type", "param", "code"}}}).
   */
  public ApiException(ErrorType type, String message, String param, String code) {
    this(type, message, 0, param, code);
  }

  private ApiException(ErrorType type, String message, int retryAfterSeconds, String param, String code) {
    super(message, null, false, false);
    this.type = type;
    this.retryAfterSeconds = retryAfterSeconds;
    this.param = param;
    this.code = code;
  }

  /** The request field at fault, or null. */
  public String param() {
    return param;
  }

  /** A machine-readable reason, or null. */
  public String code() {
    return code;
  }

  public ErrorType type() {
    return type;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
