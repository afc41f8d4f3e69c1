package dev.bulwark.llm;

/**
 * A backend call that failed, with what kind of failure it was, so callers can tell "down" from "slow" from
 * "answered garbage". The message is complete and safe to show: it names the backend, never the API key.
 */
public class LlmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public enum Kind {
    /** Could not connect, or the model is not loaded. */
    UNAVAILABLE,
    /** No complete answer within the request's timeout. */
    TIMEOUT,
    /** The server answered with an error status. */
    HTTP_STATUS,
    /** The answer was not the expected shape (not JSON, no choices, ...). */
    BAD_RESPONSE,
    /** The request cannot be served by this backend (e.g. images on a text-only model). */
    INVALID_REQUEST,
    /** The caller was interrupted or the backend is closing. */
    CANCELLED
  }

  private final Kind kind;
  private final int status;

  public LlmException(Kind kind, String message) {
    this(kind, message, -1, null);
  }

  public LlmException(Kind kind, String message, Throwable cause) {
    this(kind, message, -1, cause);
  }

  public LlmException(Kind kind, String message, int status, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status for {@link Kind#HTTP_STATUS}, else -1. */
  public int status() {
    return status;
  }

  /** True when a later retry may succeed (down, slow, 429 or 5xx). */
  public boolean isTransient() {
    return kind == Kind.UNAVAILABLE || kind == Kind.TIMEOUT || (kind == Kind.HTTP_STATUS && (status == 429 || status >= 500));
  }
}
