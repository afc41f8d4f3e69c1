package dev.bulwark.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.bulwark.server.ApiKeys;
import dev.bulwark.server.metrics.ServerMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The server's one handler: finds the route, enforces overload, draining, API keys and the deadline, runs the route,
 * turns every failure into the JSON error shape, and records the request's metrics. A client that disconnects
 * mid-request only costs its own exchange.
 */
public final class Dispatcher implements HttpHandler {
  /** Seconds a rejected client is asked to wait; short, because queues on this server drain in milliseconds. */
  static final int RETRY_AFTER_SECONDS = 1;
  private static final String UNMATCHED = "unmatched";

  private final Map<String, Map<String, Route>> routes = new LinkedHashMap<>();
  private final ApiKeys keys;
  private final ServerMetrics metrics;
  private final AtomicBoolean draining;
  private final long maxBodyBytes;
  private final long deadlineNanos;
  private final Consumer<String> log;

  public Dispatcher(List<Route> routeList, ApiKeys keys, ServerMetrics metrics, AtomicBoolean draining,
      long maxBodyBytes, long deadlineNanos, Consumer<String> log) {
    for (Route r : routeList) {
      routes.computeIfAbsent(r.path(), p -> new LinkedHashMap<>()).put(r.method(), r);
    }
    this.keys = keys;
    this.metrics = metrics;
    this.draining = draining;
    this.maxBodyBytes = maxBodyBytes;
    this.deadlineNanos = deadlineNanos;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange exchange) {
    long accepted = RequestExecutor.acceptedAt();
    Call call = new Call(exchange, maxBodyBytes, accepted + deadlineNanos);
    Map<String, Route> byMethod = routes.get(exchange.getRequestURI().getPath());
    String endpoint = byMethod == null ? UNMATCHED : exchange.getRequestURI().getPath();
    boolean counted = false;
    try {
      if (RequestExecutor.overflowing()) {
        call.closeConnection();
        throw new ApiException(ErrorType.OVERLOADED,
            "the server is at capacity (its work queue is full); retry after " + RETRY_AFTER_SECONDS + "s",
            RETRY_AFTER_SECONDS);
      }
      Route route = route(byMethod, exchange);
      if (route.work() && draining.get()) {
        call.closeConnection();
        throw new ApiException(ErrorType.SHUTTING_DOWN, "the server is shutting down; retry on another instance",
            RETRY_AFTER_SECONDS);
      }
      if (route.authenticated() && !keys.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
        call.header("WWW-Authenticate", "Bearer realm=\"bulwark\"");
        throw new ApiException(ErrorType.UNAUTHORIZED, "missing or wrong API key: send 'Authorization: Bearer <key>'");
      }
      if (route.work() && call.remainingNanos() <= 0) {
        throw new ApiException(ErrorType.OVERLOADED,
            "the request waited in the queue past its deadline; retry after " + RETRY_AFTER_SECONDS + "s",
            RETRY_AFTER_SECONDS);
      }
      if (route.work()) {
        metrics.inFlight().incrementAndGet();
        counted = true;
      }
      route.handler().handle(call);
      if (call.status() == 0) {
        throw new IllegalStateException("route " + route.path() + " gave no answer");
      }
    } catch (ApiException e) {
      switch (e.type()) {
        case PAYLOAD_TOO_LARGE, TIMEOUT, OVERLOADED, SHUTTING_DOWN, UNAUTHORIZED -> metrics.rejected.inc(e.type().id());
        default -> { }
      }
      answerError(call, e, endpoint);
    } catch (IOException e) {
      // The client disconnected, or stopped sending and the read timeout closed its connection.
      metrics.clientAborts.inc(endpoint);
    } catch (RuntimeException | Error e) {
      log.accept("internal error on " + exchange.getRequestMethod() + " " + endpoint + ": " + stackTrace(e));
      answerError(call, new ApiException(ErrorType.INTERNAL_ERROR,
          "internal error (" + e.getClass().getSimpleName() + "); the server log has the details"), endpoint);
    } finally {
      if (counted) {
        metrics.inFlight().decrementAndGet();
      }
      exchange.close();
      if (call.status() != 0) {
        metrics.requests.inc(endpoint, Integer.toString(call.status()));
        metrics.latency.observeNanos(System.nanoTime() - accepted, endpoint);
      }
    }
  }

  private Route route(Map<String, Route> byMethod, HttpExchange exchange) {
    if (byMethod == null) {
      throw new ApiException(ErrorType.NOT_FOUND, "no endpoint " + excerpt(exchange.getRequestURI().getPath())
          + "; the endpoints are " + String.join(", ", routes.keySet()) + " (see GET /openapi.json)");
    }
    String method = exchange.getRequestMethod();
    Route route = byMethod.get(method);
    if (route == null && method.equals("HEAD")) {
      route = byMethod.get("GET");
    }
    if (route == null) {
      String allowed = String.join(", ", new TreeSet<>(byMethod.keySet()));
      exchange.getResponseHeaders().set("Allow", allowed);
      throw new ApiException(ErrorType.METHOD_NOT_ALLOWED, excerpt(method) + " is not allowed on "
          + exchange.getRequestURI().getPath() + "; use " + allowed);
    }
    return route;
  }

  private void answerError(Call call, ApiException e, String endpoint) {
    if (call.status() != 0) {
      return;
    }
    if (e.retryAfterSeconds() > 0) {
      call.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
    }
    try {
      call.respondJson(e.type().status(), ErrorJson.of(e.type(), e.getMessage(), e.param(), e.code()));
    } catch (IOException gone) {
      metrics.clientAborts.inc(endpoint);
    }
  }

  private static String excerpt(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
