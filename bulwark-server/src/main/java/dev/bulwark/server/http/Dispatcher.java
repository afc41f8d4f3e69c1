package dev.bulwark.server.http;

import dev.bulwark.server.ApiKey;
import dev.bulwark.server.ApiKeys;
import dev.bulwark.server.metrics.ServerMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Turns one complete request into its answer: finds the route, enforces draining, API keys (their endpoints and
 * quotas) and the deadline, runs the route, turns every failure into the JSON error shape, and records the request's
 * metrics and audit line. Knows nothing of sockets: the transport reads requests and writes the answers.
 */
public final class Dispatcher {
  /** Seconds a rejected client is asked to wait; short, because queues on this server drain in milliseconds. */
  public static final int RETRY_AFTER_SECONDS = 1;
  private static final String UNMATCHED = "unmatched";

  private final Map<String, Map<String, Route>> routes = new LinkedHashMap<>();
  private final ApiKeys keys;
  private final ServerMetrics metrics;
  private final AtomicBoolean draining;
  private final Consumer<String> log;
  private final Quotas quotas = new Quotas();
  private final AuditLog audit;

  /** @param audit where each API request's audit line goes, or null for none */
  public Dispatcher(List<Route> routeList, ApiKeys keys, ServerMetrics metrics, AtomicBoolean draining,
      AuditLog audit, Consumer<String> log) {
    for (Route r : routeList) {
      routes.computeIfAbsent(r.path(), p -> new LinkedHashMap<>()).put(r.method(), r);
    }
    this.keys = keys;
    this.metrics = metrics;
    this.draining = draining;
    this.log = log;
    this.audit = audit;
  }

  /** The metrics label of a path: the route's path, or {@code unmatched} (no unbounded label values). */
  public String endpoint(String path) {
    return path != null && routes.containsKey(path) ? path : UNMATCHED;
  }

  /**
   * True when the request is cheap and never blocks (probes, metrics, the OpenAPI document, every error before a
   * route runs): the transport answers it on its event loop instead of queueing it behind scans, so probes answer
   * even when every request thread is busy.
   */
  public boolean answersInline(Request request) {
    Map<String, Route> byMethod = routes.get(request.path());
    if (byMethod == null) {
      return true;
    }
    Route route = byMethod.get(request.head() ? "GET" : request.method());
    return route == null || !route.work();
  }

  /**
   * Answers one request.
   *
   * @param accepted when the request was read whole ({@link System#nanoTime()}); latency is measured from here
   * @param deadline when its answer is due ({@link System#nanoTime()}); past it, 504 (or 503 if it never started)
   */
  public Answer dispatch(Request request, long accepted, long deadline) {
    Call call = new Call(request, deadline, metrics);
    Map<String, Route> byMethod = routes.get(request.path());
    String endpoint = byMethod == null ? UNMATCHED : request.path();
    boolean counted = false;
    Route route = null;
    try {
      route = route(byMethod, call);
      if (route.work() && draining.get()) {
        call.closeConnection();
        throw new ApiException(ErrorType.SHUTTING_DOWN, "the server is shutting down; retry on another instance",
            RETRY_AFTER_SECONDS);
      }
      if (route.authenticated() && keys.required()) {
        admit(route, call);
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
      answerError(call, e);
    } catch (IOException | RuntimeException | Error e) {
      log.accept("internal error on " + request.method() + " " + endpoint + ": " + stackTrace(e));
      answerError(call, new ApiException(ErrorType.INTERNAL_ERROR,
          "internal error (" + e.getClass().getSimpleName() + "); the server log has the details"));
    } finally {
      if (counted) {
        metrics.inFlight().decrementAndGet();
      }
      call.abortUnendedStream();
    }
    long latency = record(endpoint, call.status(), accepted);
    if (audit != null && route != null && route.work()) {
      try {
        audit.record(call, endpoint, latency);
      } catch (RuntimeException e) {
        log.accept("warning: " + e.getMessage());
      }
    }
    return call.answer();
  }

  /** The key the request carries: known, allowed on this endpoint, and within its quota; else 401, 403 or 429. */
  private void admit(Route route, Call call) {
    Optional<ApiKey> match = keys.match(call.request().header("Authorization"));
    if (match.isEmpty()) {
      call.header("WWW-Authenticate", "Bearer realm=\"bulwark\"");
      throw new ApiException(ErrorType.UNAUTHORIZED, "missing or wrong API key: send 'Authorization: Bearer <key>'");
    }
    ApiKey key = match.get();
    call.keyId(key.id());
    if (!key.allows(route.path())) {
      throw new ApiException(ErrorType.FORBIDDEN, "the API key '" + key.id() + "' may not call " + route.path()
          + "; it may call " + String.join(", ", new TreeSet<>(key.endpoints())));
    }
    long waitNanos = quotas.take(key, System.nanoTime());
    if (waitNanos > 0) {
      metrics.rateLimited.inc(key.id());
      int seconds = (int) Math.max(1, Math.min(3600, (waitNanos + 999_999_999L) / 1_000_000_000L));
      throw new ApiException(ErrorType.RATE_LIMITED, "the API key '" + key.id() + "' is over its quota of "
          + key.quota().perSecond() + " requests per second (burst " + key.quota().burst() + "); retry after "
          + seconds + "s", seconds);
    }
  }

  /**
   * Answers a request with an error before (or instead of) its route: the transport's own refusals (body or headers
   * too large, a request it cannot parse, a full queue).
   */
  public Answer refuse(Request request, ApiException e, long accepted) {
    Call call = new Call(request, accepted, metrics);
    answerError(call, e);
    record(endpoint(request.path()), call.status(), accepted);
    return call.answer();
  }

  private long record(String endpoint, int status, long accepted) {
    long latency = System.nanoTime() - accepted;
    metrics.requests.inc(endpoint, Integer.toString(status));
    metrics.latency.observeNanos(latency, endpoint);
    return latency;
  }

  private Route route(Map<String, Route> byMethod, Call call) {
    Request request = call.request();
    if (byMethod == null) {
      throw new ApiException(ErrorType.NOT_FOUND, "no endpoint " + excerpt(request.path())
          + "; the endpoints are " + String.join(", ", routes.keySet()) + " (see GET /openapi.json)");
    }
    String method = request.method();
    Route route = byMethod.get(method);
    if (route == null && method.equals("HEAD")) {
      route = byMethod.get("GET");
    }
    if (route == null) {
      String allowed = String.join(", ", new TreeSet<>(byMethod.keySet()));
      call.header("Allow", allowed);
      throw new ApiException(ErrorType.METHOD_NOT_ALLOWED, excerpt(method) + " is not allowed on "
          + request.path() + "; use " + allowed);
    }
    return route;
  }

  private void answerError(Call call, ApiException e) {
    if (call.status() != 0) {
      return;
    }
    switch (e.type()) {
      case PAYLOAD_TOO_LARGE, TIMEOUT, OVERLOADED, SHUTTING_DOWN, UNAUTHORIZED, FORBIDDEN, RATE_LIMITED,
          REQUEST_TIMEOUT, HEADERS_TOO_LARGE, URI_TOO_LONG -> metrics.rejected.inc(e.type().id());
      default -> { }
    }
    if (e.retryAfterSeconds() > 0) {
      call.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
    }
    call.respond(e.type().status(), "application/json", ErrorJson.of(e.type(), e.getMessage(), e.param(), e.code())
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
