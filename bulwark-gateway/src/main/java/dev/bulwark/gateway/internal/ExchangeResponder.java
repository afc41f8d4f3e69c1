package dev.bulwark.gateway.internal;

import dev.bulwark.core.FirewallResult;
import dev.bulwark.server.HttpExchange;
import dev.bulwark.server.ResponseStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@link Responder} over one exchange of the server's front: a JSON answer, or server-sent events. Verdicts go to
 * the exchange, which counts them in {@code /metrics} and writes the most severe one, with the scanners that reached
 * it, in the audit line.
 */
final class ExchangeResponder implements Responder {
  private final HttpExchange exchange;
  private volatile ResponseStream events;
  private volatile boolean answered;

  ExchangeResponder(HttpExchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public void json(int status, String body) {
    answered = true;
    exchange.respond(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void startEvents() {
    answered = true;
    events = exchange.startStream(200, "text/event-stream; charset=utf-8");
  }

  @Override
  public void event(String data) {
    events.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void endEvents() {
    events.end();
  }

  @Override
  public void verdict(FirewallResult result) {
    exchange.verdict(result);
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
