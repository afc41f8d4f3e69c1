package dev.bulwark.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the server listens and protects itself. Every limit has a default fit for a sidecar on a small machine; the
 * {@code serve} command exposes each one as an option (docs/HTTP-API.md, "Limits").
 *
 * @param host address to bind; {@code 127.0.0.1} unless told otherwise
 * @param port port to bind; 0 picks a free one
 * @param maxBodyBytes longest request body; longer ones get 413
 * @param deadline the longest one request may take from being read whole, queueing included; then 504 (or 503 when
 *     it never left the queue)
 * @param threads request threads: how many requests are worked on at once (concurrent callers are also what lets
 *     classifiers batch)
 * @param queue requests that may wait for a thread; past that, 503 with {@code Retry-After}
 * @param drainTimeout on shutdown, the longest to wait for in-flight requests
 * @param maxMessages most messages in one {@code /v1/scan} trace or Llama-API moderation request
 * @param moderationConcurrency moderation requests judged at once; more get 503 at once, so a slow model cannot take
 *     every request thread from {@code /v1/scan}
 * @param apiKeys bearer keys required on {@code /v1/*} and {@code /metrics}; none: open
 * @param warmUp whether to run each model once at start before {@code /readyz} says ready
 * @param connections timeouts and sizes per connection (slow, idle and oversized clients)
 * @param tls HTTPS settings, or null for plain HTTP
 * @param auditLog where the audit log goes (JSON lines; {@code -}: standard output), or null for none
 */
public record ServerSettings(String host, int port, long maxBodyBytes, Duration deadline, int threads, int queue,
    Duration drainTimeout, int maxMessages, int moderationConcurrency, ApiKeys apiKeys, boolean warmUp,
    ConnectionLimits connections, TlsSettings tls, Path auditLog) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  public ServerSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(apiKeys, "apiKeys");
    Objects.requireNonNull(connections, "connections");
    require(port >= 0 && port <= 65535, "port must be between 0 and 65535, got " + port);
    require(maxBodyBytes >= 1024 && maxBodyBytes <= Integer.MAX_VALUE - 8,
        "the body limit must be between 1024 bytes and 2 GiB, got " + maxBodyBytes);
    require(positive(deadline), "the deadline must be positive");
    require(threads >= 1 && threads <= 4096, "threads must be between 1 and 4096, got " + threads);
    require(queue >= 0 && queue <= 1_000_000, "the queue must be between 0 and 1000000, got " + queue);
    require(drainTimeout != null && !drainTimeout.isNegative(), "the drain timeout must not be negative");
    require(maxMessages >= 1, "max messages must be at least 1, got " + maxMessages);
    require(moderationConcurrency >= 1, "moderation concurrency must be at least 1, got " + moderationConcurrency);
  }

  public static ServerSettings defaults() {
    return new ServerSettings(DEFAULT_HOST, DEFAULT_PORT, 1_048_576, Duration.ofSeconds(30), 64, 256,
        Duration.ofSeconds(20), 1000, 8, ApiKeys.none(), true, ConnectionLimits.defaults(), null, null);
  }

  public ServerSettings withAddress(String h, int p) {
    return new ServerSettings(h, p, maxBodyBytes, deadline, threads, queue, drainTimeout, maxMessages,
        moderationConcurrency, apiKeys, warmUp, connections, tls, auditLog);
  }

  public ServerSettings withLimits(long bodyBytes, Duration requestDeadline, int maxMessagesPerRequest) {
    return new ServerSettings(host, port, bodyBytes, requestDeadline, threads, queue, drainTimeout,
        maxMessagesPerRequest, moderationConcurrency, apiKeys, warmUp, connections, tls, auditLog);
  }

  public ServerSettings withCapacity(int requestThreads, int queuedRequests) {
    return new ServerSettings(host, port, maxBodyBytes, deadline, requestThreads, queuedRequests, drainTimeout,
        maxMessages, moderationConcurrency, apiKeys, warmUp, connections, tls, auditLog);
  }

  public ServerSettings withModerationConcurrency(int concurrent) {
    return new ServerSettings(host, port, maxBodyBytes, deadline, threads, queue, drainTimeout, maxMessages,
        concurrent, apiKeys, warmUp, connections, tls, auditLog);
  }

  /**
   * The read timeout (both the header and the body timeout: a client must send its headers, and keep its body
   * moving, within it) and the drain timeout.
   */
  public ServerSettings withTimeouts(Duration read, Duration drain) {
    require(read != null && read.toSeconds() >= 1, "the read timeout must be at least 1 second");
    ConnectionLimits c = connections.withHeaderTimeout(read).withBodyTimeout(read, connections.minBodyRate());
    return new ServerSettings(host, port, maxBodyBytes, deadline, threads, queue, drain, maxMessages,
        moderationConcurrency, apiKeys, warmUp, c, tls, auditLog);
  }

  public ServerSettings withDrainTimeout(Duration drain) {
    return new ServerSettings(host, port, maxBodyBytes, deadline, threads, queue, drain, maxMessages,
        moderationConcurrency, apiKeys, warmUp, connections, tls, auditLog);
  }

  public ServerSettings withConnectionLimits(ConnectionLimits limits) {
    return new ServerSettings(host, port, maxBodyBytes, deadline, threads, queue, drainTimeout, maxMessages,
        moderationConcurrency, apiKeys, warmUp, limits, tls, auditLog);
  }

  /** HTTPS with these settings; null for plain HTTP. */
  public ServerSettings withTls(TlsSettings settings) {
    return new ServerSettings(host, port, maxBodyBytes, deadline, threads, queue, drainTimeout, maxMessages,
        moderationConcurrency, apiKeys, warmUp, connections, settings, auditLog);
  }

  public ServerSettings withApiKeys(ApiKeys keys) {
    return new ServerSettings(host, port, maxBodyBytes, deadline, threads, queue, drainTimeout, maxMessages,
        moderationConcurrency, keys, warmUp, connections, tls, auditLog);
  }

  public ServerSettings withWarmUp(boolean enabled) {
    return new ServerSettings(host, port, maxBodyBytes, deadline, threads, queue, drainTimeout, maxMessages,
        moderationConcurrency, apiKeys, enabled, connections, tls, auditLog);
  }

  /** The audit log's target ({@code -}: standard output), or null for none. */
  public ServerSettings withAuditLog(Path target) {
    return new ServerSettings(host, port, maxBodyBytes, deadline, threads, queue, drainTimeout, maxMessages,
        moderationConcurrency, apiKeys, warmUp, connections, tls, target);
  }

  private static boolean positive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
