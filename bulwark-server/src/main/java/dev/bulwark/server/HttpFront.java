package dev.bulwark.server;

import dev.bulwark.server.http.AuditLog;
import dev.bulwark.server.http.Dispatcher;
import dev.bulwark.server.http.Route;
import dev.bulwark.server.http.WorkerPool;
import dev.bulwark.server.metrics.ServerMetrics;
import dev.bulwark.server.transport.HttpTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The hardened HTTP front of {@code bulwark serve}, for any service that wants it in front of its own endpoints (the
 * guarded gateway does): the non-blocking transport with its connection limits, timeouts, TLS and lingering close;
 * API keys with their quotas and endpoint limits; the audit log; the request threads and their queue; and
 * {@code GET /metrics} and {@code GET /healthz} beside the given endpoints. Every option is the server's
 * ({@link ServerSettings}; the firewall's own options there, such as {@code maxMessages}, are not used).
 *
 * <pre>{@code
 * try (HttpFront front = HttpFront.start(ServerSettings.defaults().withAddress("127.0.0.1", 0),
 *     List.of(new HttpEndpoint("POST", "/v1/echo", true, x -> x.respond(200, "text/plain", x.body()))),
 *     System.err::println)) {
 *   System.out.println(front.baseUrl());
 * }
 * }</pre>
 */
public final class HttpFront implements AutoCloseable {
  private final HttpTransport transport;
  private final WorkerPool pool;
  private final ServerMetrics metrics;
  private final AuditLog audit;
  private final AtomicBoolean draining;
  private final Duration drainTimeout;

  private HttpFront(HttpTransport transport, WorkerPool pool, ServerMetrics metrics, AuditLog audit,
      AtomicBoolean draining, Duration drainTimeout) {
    this.transport = transport;
    this.pool = pool;
    this.metrics = metrics;
    this.audit = audit;
    this.draining = draining;
    this.drainTimeout = drainTimeout;
  }

  /**
   * Binds and starts serving {@code endpoints}, each on a request thread (it may block), plus {@code /metrics}
   * (behind the API keys) and {@code /healthz}.
   *
   * @throws IOException when the address cannot be bound or the audit log cannot be opened
   * @throws IllegalArgumentException when the TLS files cannot be used
   */
  public static HttpFront start(ServerSettings settings, List<HttpEndpoint> endpoints, Consumer<String> log)
      throws IOException {
    WorkerPool pool = new WorkerPool(settings.threads(), settings.queue());
    ServerMetrics metrics = new ServerMetrics(pool::queued, () -> 1);
    List<Route> routes = new ArrayList<>();
    for (HttpEndpoint e : endpoints) {
      routes.add(new Route(e.method(), e.path(), e.authenticated(), true, call -> e.handler().handle(call)));
    }
    routes.add(new Route("GET", "/metrics", true, false,
        call -> call.respond(200, "text/plain; version=0.0.4", metrics.scrape().getBytes(StandardCharsets.UTF_8))));
    routes.add(new Route("GET", "/healthz", false, false,
        call -> call.respond(200, "application/json", "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8))));
    return start(settings, pool, metrics, routes, new AtomicBoolean(), log);
  }

  /** The server's own assembly: its routes, metrics and draining flag. */
  static HttpFront start(ServerSettings settings, WorkerPool pool, ServerMetrics metrics, List<Route> routes,
      AtomicBoolean draining, Consumer<String> log) throws IOException {
    AuditLog audit = settings.auditLog() == null ? null : AuditLog.open(settings.auditLog());
    try {
      Dispatcher dispatcher = new Dispatcher(routes, settings.apiKeys(), metrics, draining, audit, log);
      HttpTransport transport = HttpTransport.start(settings, dispatcher, pool, metrics);
      return new HttpFront(transport, pool, metrics, audit, draining, settings.drainTimeout());
    } catch (IOException | RuntimeException e) {
      if (audit != null) {
        audit.close();
      }
      throw e;
    }
  }

  /** E.g. {@code http://127.0.0.1:8080}, or {@code https://...} with TLS. */
  public URI baseUrl() {
    InetSocketAddress a = transport.address();
    String host = a.getHostString();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create((transport.tls() ? "https" : "http") + "://" + host + ":" + a.getPort());
  }

  public int port() {
    return transport.address().getPort();
  }

  /** The Prometheus text {@code /metrics} serves. */
  public String metricsText() {
    return metrics.scrape();
  }

  /** Requests being worked on now. */
  int inFlight() {
    return metrics.inFlight().get();
  }

  /** New work is refused with 503 {@code shutting_down}; what is in flight goes on. */
  void drain() {
    draining.set(true);
  }

  /** Stops accepting connections; open ones keep being served. */
  void stopAccepting() {
    transport.stopAccepting();
  }

  /** Ends the request threads, waiting up to {@code millis} for queued requests' answers. */
  void stopWorkers(long millis) throws InterruptedException {
    pool.shutdown(millis);
  }

  /**
   * Drains and stops: new work gets 503 {@code shutting_down}, in-flight requests get up to the drain timeout, then
   * every connection is closed and every thread this front started ends. Idempotent.
   */
  @Override
  public void close() {
    drain();
    long end = System.nanoTime() + drainTimeout.toNanos();
    while (inFlight() > 0 && System.nanoTime() < end) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    stopAccepting();
    try {
      stopWorkers(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeConnections();
  }

  /** Closes every connection, ends the event loops, and closes the audit log. */
  void closeConnections() {
    transport.close();
    if (audit != null) {
      audit.close();
    }
  }
}
