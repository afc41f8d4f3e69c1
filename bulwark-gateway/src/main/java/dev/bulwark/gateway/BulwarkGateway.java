package dev.bulwark.gateway;

import dev.bulwark.core.Firewall;
import dev.bulwark.gateway.internal.ChatExchange;
import dev.bulwark.gateway.internal.GatewayEndpoints;
import dev.bulwark.server.HttpFront;
import dev.bulwark.server.ServerSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible proxy that guards both directions: {@code POST /v1/chat/completions} (streamed or not) is
 * scanned before it is forwarded and its answer is scanned as it comes back, streamed answers chunk by chunk through
 * {@link Firewall#stream}; {@code GET /v1/models} is passed through. Point any OpenAI client at {@link #baseUrl()}.
 *
 * <p>It listens through bulwark-server's {@link HttpFront}: the same connection limits, timeouts, TLS, lingering
 * close, API keys with quotas, audit log and {@code /metrics} as {@code bulwark serve}.
 */
public final class BulwarkGateway implements AutoCloseable {
  /** Request threads by default: each streamed answer holds one for as long as it streams. */
  public static final int DEFAULT_THREADS = 256;

  private final HttpFront front;
  private final ScheduledExecutorService timer;
  private final ExecutorService scans;

  private BulwarkGateway(HttpFront front, ScheduledExecutorService timer, ExecutorService scans) {
    this.front = front;
    this.timer = timer;
    this.scans = scans;
  }

  /** With the server's default transport limits, no API keys and {@link #DEFAULT_THREADS} request threads. */
  public static BulwarkGateway start(GatewaySettings settings, Firewall firewall) throws IOException {
    return start(settings, ServerSettings.defaults().withCapacity(DEFAULT_THREADS, DEFAULT_THREADS), firewall, null);
  }

  /**
   * Binds and starts serving; the firewall stays the caller's (it is not closed with the gateway).
   *
   * @param transport the listener's limits, TLS, API keys, audit log and request threads, as for {@code serve}; its
   *     address and body limit are the gateway settings'
   * @param upstreamKey the bearer key to send upstream, or null: then, without API keys of its own, the gateway
   *     forwards the client's {@code Authorization} header; with them it sends none (a Bulwark key never leaves)
   * @throws IOException when the address cannot be bound or the audit log cannot be opened
   */
  public static BulwarkGateway start(GatewaySettings settings, ServerSettings transport, Firewall firewall,
      String upstreamKey) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .version(HttpClient.Version.HTTP_1_1).build();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("bulwark-gateway-timer"));
    // At most one scan per exchange in flight, so the request threads bound this pool.
    ExecutorService scans = Executors.newCachedThreadPool(daemon("bulwark-gateway-scan"));
    ServerSettings listener = transport.withAddress(settings.host(), settings.port())
        .withLimits(settings.maxBodyBytes(), transport.deadline(), transport.maxMessages());
    try {
      ChatExchange chat = new ChatExchange(settings, firewall, http, timer, scans);
      GatewayEndpoints endpoints = new GatewayEndpoints(chat, http, settings::upstream,
          upstreamKey == null ? null : "Bearer " + upstreamKey, !listener.apiKeys().required());
      HttpFront front = HttpFront.start(listener, endpoints.list(), System.err::println);
      return new BulwarkGateway(front, timer, scans);
    } catch (IOException | RuntimeException e) {
      timer.shutdownNow();
      scans.shutdownNow();
      throw e;
    }
  }

  /** {@code http://host:port/v1} (or {@code https}), the base URL to give OpenAI clients. */
  public URI baseUrl() {
    URI base = front.baseUrl();
    String host = base.getHost();
    if (host.equals("0.0.0.0") || host.equals("[::]")) {
      base = URI.create(base.getScheme() + "://127.0.0.1:" + base.getPort());
    }
    return URI.create(base + "/v1");
  }

  public int port() {
    return front.port();
  }

  /** The Prometheus text {@code /metrics} serves. */
  public String metricsText() {
    return front.metricsText();
  }

  /** Drains (in-flight exchanges finish, new ones get 503), then stops every thread it started. */
  @Override
  public void close() {
    front.close();
    timer.shutdownNow();
    scans.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
