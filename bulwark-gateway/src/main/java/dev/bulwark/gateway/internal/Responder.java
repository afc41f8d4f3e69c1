package dev.bulwark.gateway.internal;

import dev.bulwark.core.FirewallResult;

/** Where one exchange writes its answer: a whole response, or a server-sent-event stream. Thread-safe. */
public interface Responder {
  /** A complete response with a JSON body. */
  void json(int status, String body);

  /** Starts an SSE response (200, text/event-stream). */
  void startEvents();

  /** One {@code data:} event. */
  void event(String data);

  /** Ends the SSE response. */
  void endEvents();

  /** Runs {@code action} once the client's connection closes (at once when it already has). */
  void onClientGone(Runnable action);

  /** True once the client's connection is closed. */
  boolean clientGone();

  /** Records a verdict reached for this exchange (the request's or the answer's) for {@code /metrics} and the audit log. */
  void verdict(FirewallResult result);
}
