package dev.bulwark.gateway.internal;

import dev.bulwark.server.HttpEndpoint;
import dev.bulwark.server.HttpExchange;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Function;

/**
 * The gateway's endpoints on the server's {@link dev.bulwark.server.HttpFront}: {@code POST /v1/chat/completions}
 * through a {@link ChatExchange}, {@code GET /v1/models} passed through to the upstream. Each runs on a request thread
 * (they scan and wait on the upstream, never on an event loop); unknown paths and methods get the front's 404 and 405.
 */
public final class GatewayEndpoints {
  private final ChatExchange chat;
  private final HttpClient http;
  private final Function<String, URI> upstream;
  private final String upstreamAuthorization;
  private final boolean forwardClientAuthorization;

  /**
   * @param upstreamAuthorization the {@code Authorization} value sent upstream, or null
   * @param forwardClientAuthorization when no value is given: whether the client's own header goes upstream (only
   *     when the gateway has no API keys of its own, so a Bulwark key never leaves it)
   */
  public GatewayEndpoints(ChatExchange chat, HttpClient http, Function<String, URI> upstream,
      String upstreamAuthorization, boolean forwardClientAuthorization) {
    this.chat = chat;
    this.http = http;
    this.upstream = upstream;
    this.upstreamAuthorization = upstreamAuthorization;
    this.forwardClientAuthorization = forwardClientAuthorization;
  }

  public List<HttpEndpoint> list() {
    return List.of(
        new HttpEndpoint("POST", "/v1/chat/completions", true, x -> answer(x, out -> chat.handle(x.body(),
            authorization(x), out))),
        new HttpEndpoint("GET", "/v1/models", true, x -> answer(x, out -> models(authorization(x), out))));
  }

  /** Runs one exchange; one that ended without an answer (its client left, the upstream call was cancelled) gets one. */
  private static void answer(HttpExchange exchange, java.util.function.Consumer<Responder> work) {
    ExchangeResponder out = new ExchangeResponder(exchange);
    work.accept(out);
    if (!out.answered()) {
      out.json(502, OpenAiShapes.error("the upstream request was cancelled", "upstream_error", null));
    }
  }

  private String authorization(HttpExchange exchange) {
    if (upstreamAuthorization != null) {
      return upstreamAuthorization;
    }
    return forwardClientAuthorization ? exchange.header("Authorization") : null;
  }

  private void models(String authorization, Responder out) {
    HttpRequest.Builder b = HttpRequest.newBuilder(upstream.apply("models")).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      out.json(r.statusCode(), r.body());
    } catch (java.io.IOException e) {
      out.json(502, OpenAiShapes.error("cannot reach the upstream: " + e.getMessage(), "upstream_error", null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.json(503, OpenAiShapes.error("the gateway is shutting down", "server_error", null));
    }
  }
}
