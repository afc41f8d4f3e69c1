package dev.bulwark.server;

import java.time.Duration;

/**
 * What one connection may cost the server before it is cut off. Every limit is checked on the event loop that reads
 * the connection, so a client that breaks one never holds a scanning thread; each one broken is counted in
 * {@code bulwark_http_limit_hits_total} (docs/HTTP-API.md, "Limits").
 *
 * @param headerTimeout longest from a request's first byte (for a new connection: from the accept) to the end of its
 *     headers; then 408 and the connection is closed
 * @param bodyTimeout the window over which a body must keep arriving: in each such window at least
 *     {@code minBodyRate} bytes per second of it (at least one byte, at most what is left) must come, else 408 and
 *     the connection is closed
 * @param minBodyRate least bytes per second a body must arrive at, averaged over each {@code bodyTimeout} window
 * @param idleTimeout longest a keep-alive connection may wait, between requests, for the next one; then it is closed
 * @param maxHeaderBytes longest request line and longest header block; a longer request line is answered 414, longer
 *     headers 431
 * @param maxConnections most connections open at once; one more is answered 503 and closed at once (not queued)
 * @param maxRequestTime longest from a request's first byte to its answer, reading included: past it a request still
 *     being read gets 408, one being worked on 504 (over HTTP/2: per stream, from the stream's opening)
 * @param http2 whether HTTP/2 is offered, and its own limits (the ones above apply to it too: the header timeout to
 *     the connection preface, the idle timeout to a connection without open streams, the header size to each
 *     stream's header list)
 */
public record ConnectionLimits(Duration headerTimeout, Duration bodyTimeout, long minBodyRate, Duration idleTimeout,
    int maxHeaderBytes, int maxConnections, Duration maxRequestTime, Http2Limits http2) {

  /** After an over-limit body's 413, the most bytes read and dropped so the client can read the answer. */
  public static final long LINGER_BYTES = 64L << 20;
  /** ... and the longest time spent doing so. */
  public static final Duration LINGER_TIME = Duration.ofSeconds(5);

  public ConnectionLimits {
    require(atLeastMillis(headerTimeout, 100), "the header timeout must be at least 100 ms");
    require(atLeastMillis(bodyTimeout, 100), "the body timeout must be at least 100 ms");
    require(minBodyRate >= 0, "the minimum body rate must not be negative, got " + minBodyRate);
    require(atLeastMillis(idleTimeout, 100), "the idle timeout must be at least 100 ms");
    require(maxHeaderBytes >= 1024 && maxHeaderBytes <= 1 << 20,
        "the header limit must be between 1024 and 1048576 bytes, got " + maxHeaderBytes);
    require(maxConnections >= 1 && maxConnections <= 1_000_000,
        "max connections must be between 1 and 1000000, got " + maxConnections);
    require(atLeastMillis(maxRequestTime, 100), "the maximum request time must be at least 100 ms");
    require(http2 != null, "the HTTP/2 limits must be given");
  }

  public static ConnectionLimits defaults() {
    return new ConnectionLimits(Duration.ofSeconds(10), Duration.ofSeconds(10), 1024, Duration.ofSeconds(60), 16_384,
        4096, Duration.ofSeconds(60), Http2Limits.defaults());
  }

  public ConnectionLimits withHeaderTimeout(Duration d) {
    return new ConnectionLimits(d, bodyTimeout, minBodyRate, idleTimeout, maxHeaderBytes, maxConnections,
        maxRequestTime, http2);
  }

  public ConnectionLimits withBodyTimeout(Duration d, long bytesPerSecond) {
    return new ConnectionLimits(headerTimeout, d, bytesPerSecond, idleTimeout, maxHeaderBytes, maxConnections,
        maxRequestTime, http2);
  }

  public ConnectionLimits withIdleTimeout(Duration d) {
    return new ConnectionLimits(headerTimeout, bodyTimeout, minBodyRate, d, maxHeaderBytes, maxConnections,
        maxRequestTime, http2);
  }

  public ConnectionLimits withMaxHeaderBytes(int bytes) {
    return new ConnectionLimits(headerTimeout, bodyTimeout, minBodyRate, idleTimeout, bytes, maxConnections,
        maxRequestTime, http2);
  }

  public ConnectionLimits withMaxConnections(int connections) {
    return new ConnectionLimits(headerTimeout, bodyTimeout, minBodyRate, idleTimeout, maxHeaderBytes, connections,
        maxRequestTime, http2);
  }

  public ConnectionLimits withMaxRequestTime(Duration d) {
    return new ConnectionLimits(headerTimeout, bodyTimeout, minBodyRate, idleTimeout, maxHeaderBytes, maxConnections,
        d, http2);
  }

  public ConnectionLimits withHttp2(Http2Limits limits) {
    return new ConnectionLimits(headerTimeout, bodyTimeout, minBodyRate, idleTimeout, maxHeaderBytes, maxConnections,
        maxRequestTime, limits);
  }

  private static boolean atLeastMillis(Duration d, long millis) {
    return d != null && d.toMillis() >= millis;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
