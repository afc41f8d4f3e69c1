package dev.bulwark.server.http;

/** Every failure the API reports: the HTTP status and the {@code error.type} string clients can switch on. */
public enum ErrorType {
  /** A request the HTTP parser cannot read: a garbled request line or header, a bad chunk, a lying length. */
  BAD_REQUEST(400, "bad_request"),
  /** The body is not JSON, or not UTF-8. */
  INVALID_JSON(400, "invalid_json"),
  /** Valid JSON of the wrong shape: a missing or mistyped field, an empty array, an unknown role or scanner. */
  INVALID_REQUEST(422, "invalid_request"),
  /**
   * An OpenAI-shaped moderation request that names a model not served here, or images the model cannot read: 400
   * with OpenAI's own error type, so OpenAI clients raise their usual BadRequestError.
   */
  OPENAI_INVALID_REQUEST(400, "invalid_request_error"),
  UNAUTHORIZED(401, "unauthorized"),
  /** The API key may not call this endpoint (its {@code endpoints=} in the key file). */
  FORBIDDEN(403, "forbidden"),
  NOT_FOUND(404, "not_found"),
  METHOD_NOT_ALLOWED(405, "method_not_allowed"),
  /** The client did not send its headers, or keep its body moving, within the connection's timeouts. */
  REQUEST_TIMEOUT(408, "request_timeout"),
  /** The body is over the byte limit, or holds more items (messages, inputs) than one request may. */
  PAYLOAD_TOO_LARGE(413, "payload_too_large"),
  /** The request line is longer than the header limit. */
  URI_TOO_LONG(414, "uri_too_long"),
  /** An {@code Expect} header other than {@code 100-continue}. */
  EXPECTATION_FAILED(417, "expectation_failed"),
  /** The API key used up its quota ({@code rate=}, {@code burst=} in the key file); retry after {@code Retry-After}. */
  RATE_LIMITED(429, "rate_limited"),
  /** The headers are larger than the header limit. */
  HEADERS_TOO_LARGE(431, "headers_too_large"),
  /** The work queue is full or the request waited past its deadline in it; retry after {@code Retry-After}. */
  OVERLOADED(503, "overloaded"),
  /** The server is draining before it stops; retry on another instance. */
  SHUTTING_DOWN(503, "shutting_down"),
  /** A model the endpoint needs is not configured or cannot be reached. */
  MODEL_UNAVAILABLE(503, "model_unavailable"),
  /** The model behind the endpoint answered with an error or nonsense. */
  UPSTREAM_ERROR(502, "upstream_error"),
  /** The request did not finish within the server's per-request deadline. */
  TIMEOUT(504, "timeout"),
  INTERNAL_ERROR(500, "internal_error");

  private final int status;
  private final String id;

  ErrorType(int status, String id) {
    this.status = status;
    this.id = id;
  }

  public int status() {
    return status;
  }

  public String id() {
    return id;
  }
}
