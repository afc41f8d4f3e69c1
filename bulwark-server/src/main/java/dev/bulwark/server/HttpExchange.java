package dev.bulwark.server;

import java.util.Optional;

/**
 * One request to an {@link HttpEndpoint}, read whole (within the body limit) before the endpoint sees it, and its
 * one answer: either a whole body ({@link #respond}) or a stream ({@link #startStream}). The handler runs on a request
 * thread and may block; its answer is written when it is given.
 */
public interface HttpExchange {
  String method();

  /** The decoded path, without the query. */
  String path();

  /** A request header, or null. */
  String header(String name);

  byte[] body();

  /** The id of the API key the request came with ({@link ApiKey#id()}), when keys are configured. */
  Optional<String> keyId();

  /** Nanoseconds left before the request's deadline ({@code --deadline}; negative once past it). */
  long remainingNanos();

  /** Answers with a whole body. */
  void respond(int status, String contentType, byte[] body);

  /**
   * Starts an answer sent in pieces (chunked), e.g. {@code text/event-stream}; the handler writes it and must
   * {@link ResponseStream#end() end} it. If the handler returns without ending it, the connection is closed.
   */
  ResponseStream startStream(int status, String contentType);

  /** True once the client's connection is closed (noticed when an answer is written to it). */
  boolean clientGone();

  /** Runs {@code action} once the client's connection closes (at once when it already has). */
  void onClientGone(Runnable action);

  /** What the audit log records as this request's outcome: its decision and the scanners that decided it. */
  void audit(String decision, java.util.List<String> decidingScanners);

  /**
   * Records a firewall verdict reached for this request: counted in {@code /metrics} (the decision, each scanner's
   * time and verdict) and kept for the audit line, where the most severe verdict of the exchange and the scanners that
   * reached it are written (an exchange may be judged more than once, e.g. the gateway's request, then its answer).
   */
  void verdict(dev.bulwark.core.FirewallResult result);
}
