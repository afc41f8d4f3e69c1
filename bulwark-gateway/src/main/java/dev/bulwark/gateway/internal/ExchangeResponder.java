package dev.bulwark.gateway.internal;

import dev.bulwark.server.HttpExchange;
import dev.bulwark.server.ResponseStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@link Responder} over one exchange of the server's front: a JSON answer, or server-sent events. It also tells
 * the audit log whether the client got a refusal (Bulwark's {@code content_blocked} error or
 * {@code content_filter} finish) or not; which scanners refused is in the gateway's own log line.
 */
final class ExchangeResponder implements Responder {
  private final HttpExchange exchange;
  private volatile ResponseStream events;
  private volatile boolean answered;
  private volatile boolean refused;

  ExchangeResponder(HttpExchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public void json(int status, String body) {
    answered = true;
    noteRefusal(body);
    exchange.audit(refused ? "block" : status == 200 ? "allow" : null, java.util.List.of());
    exchange.respond(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void startEvents() {
    answered = true;
    events = exchange.startStream(200, "text/event-stream; charset=utf-8");
  }

  @Override
  public void event(String data) {
    noteRefusal(data);
    events.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void endEvents() {
    exchange.audit(refused ? "block" : "allow", java.util.List.of());
    events.end();
  }

  /** Bulwark's refusals, as OpenAI shapes carry them (outside any JSON string, so never matched inside text). */
  private void noteRefusal(String json) {
    if (json.contains("\"code\":\"content_blocked\"") || json.contains("\"finish_reason\":\"content_filter\"")) {
      refused = true;
    }
  }

  /** Whether an answer was started (an exchange whose client left may end without one). */
  boolean answered() {
    return answered;
  }

  @Override
  public void onClientGone(Runnable action) {
    exchange.onClientGone(action);
  }

  @Override
  public boolean clientGone() {
    return exchange.clientGone();
  }
}
