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

  public ApiException(ErrorType type, String message) {
    this(type, message, 0);
  }

  /** @param retryAfterSeconds sent as {@code Retry-After} when positive */
  public ApiException(ErrorType type, String message, int retryAfterSeconds) {
    super(message, null, false, false);
    this.type = type;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public ErrorType type() {
    return type;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
