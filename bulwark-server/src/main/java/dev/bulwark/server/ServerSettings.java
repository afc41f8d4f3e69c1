package dev.bulwark.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How the server listens and protects itself. Every limit has a default fit for a sidecar on a small machine; the
 * {@code serve} command exposes each one as an option (docs/HTTP-API.md, "Limits").
 *
 * @param host address to bind; {@code 127.0.0.1} unless told otherwise
 * @param port port to bind; 0 picks a free one
 * @param maxBodyBytes longest request body; longer ones get 413
 * @param deadline the longest one request may take from being accepted, queueing included; then 504 (or 503 when
 *     it never left the queue)
 * @param threads request threads: how many requests are worked on at once (concurrent callers are also what lets
 *     classifiers batch)
 * @param queue requests that may wait for a thread; past that, 503 with {@code Retry-After}
 * @param readTimeout the longest a client may take to send its request (headers and body); then the connection is
 *     closed (slow clients cannot hold threads)
 * @param drainTimeout on shutdown, the longest to wait for in-flight requests
 * @param maxMessages most messages in one {@code /v1/scan} trace or Llama-API moderation request
 * @param moderationConcurrency moderation requests judged at once; more get 503 at once, so a slow model cannot take
 *     every request thread from {@code /v1/scan}
 * @param apiKeys bearer keys required on {@code /v1/*} and {@code /metrics}; none: open
 * @param warmUp whether to run each model once at start before {@code /readyz} says ready
 */
public record ServerSettings(String host, int port, long maxBodyBytes, Duration deadline, int threads, int queue,
    Duration readTimeout, Duration drainTimeout, int maxMessages, int moderationConcurrency, ApiKeys apiKeys,
    boolean warmUp) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  public ServerSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(apiKeys, "apiKeys");
    require(port >= 0 && port <= 65535, "port must be between 0 and 65535, got " + port);
    require(maxBodyBytes >= 1024, "the body limit must be at least 1024 bytes, got " + maxBodyBytes);
    require(positive(deadline), "the deadline must be positive");
    require(threads >= 1 && threads <= 4096, "threads must be between 1 and 4096, got " + threads);
    require(queue >= 0 && queue <= 1_000_000, "the queue must be between 0 and 1000000, got " + queue);
    require(positive(readTimeout) && readTimeout.toSeconds() >= 1, "the read timeout must be at least 1 second");
    require(drainTimeout != null && !drainTimeout.isNegative(), "the drain timeout must not be negative");
    require(maxMessages >= 1, "max messages must be at least 1, got " + maxMessages);
    require(moderationConcurrency >= 1, "moderation concurrency must be at least 1, got " + moderationConcurrency);
  }

  public static ServerSettings defaults() {
    return new ServerSettings(DEFAULT_HOST, DEFAULT_PORT, 1_048_576, Duration.ofSeconds(30), 64, 256,
        Duration.ofSeconds(10), Duration.ofSeconds(20), 1000, 8, ApiKeys.none(), true);
  }

  public ServerSettings withAddress(String h, int p) {
    return new ServerSettings(h, p, maxBodyBytes, deadline, threads, queue, readTimeout, drainTimeout, maxMessages,
        moderationConcurrency, apiKeys, warmUp);
  }

  public ServerSettings withLimits(long bodyBytes, Duration requestDeadline, int maxMessagesPerRequest) {
    return new ServerSettings(host, port, bodyBytes, requestDeadline, threads, queue, readTimeout, drainTimeout,
        maxMessagesPerRequest, moderationConcurrency, apiKeys, warmUp);
  }

  public ServerSettings withCapacity(int requestThreads, int queuedRequests) {
    return new ServerSettings(host, port, maxBodyBytes, deadline, requestThreads, queuedRequests, readTimeout,
        drainTimeout, maxMessages, moderationConcurrency, apiKeys, warmUp);
  }

  public ServerSettings withModerationConcurrency(int concurrent) {
    return new ServerSettings(host, port, maxBodyBytes, deadline, threads, queue, readTimeout, drainTimeout,
        maxMessages, concurrent, apiKeys, warmUp);
  }

  public ServerSettings withTimeouts(Duration read, Duration drain) {
    return new ServerSettings(host, port, maxBodyBytes, deadline, threads, queue, read, drain, maxMessages,
        moderationConcurrency, apiKeys, warmUp);
  }

  public ServerSettings withApiKeys(ApiKeys keys) {
    return new ServerSettings(host, port, maxBodyBytes, deadline, threads, queue, readTimeout, drainTimeout,
        maxMessages, moderationConcurrency, keys, warmUp);
  }

  public ServerSettings withWarmUp(boolean enabled) {
    return new ServerSettings(host, port, maxBodyBytes, deadline, threads, queue, readTimeout, drainTimeout,
        maxMessages, moderationConcurrency, apiKeys, enabled);
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
