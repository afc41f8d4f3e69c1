package dev.bulwark.server;

import java.time.Duration;

/**
 * What an HTTP/2 connection may cost beyond the limits every connection has ({@link ConnectionLimits}: its header
 * and idle timeouts, header size, body size and request time apply to HTTP/2 too, per connection or per stream).
 * Each one broken is counted in {@code bulwark_http_limit_hits_total} (docs/HTTP-API.md, "HTTP/2").
 *
 * @param enabled whether HTTP/2 is offered at all: h2c (prior knowledge and {@code Upgrade: h2c}) on a plain port,
 *     {@code h2} by ALPN over TLS; off, the server speaks HTTP/1.1 only
 * @param maxConcurrentStreams streams one connection may have open at once (advertised in SETTINGS); one more is
 *     refused with RST_STREAM(REFUSED_STREAM)
 * @param maxResets RST_STREAM frames a client may send within {@code resetWindow} before its connection is closed
 *     with GOAWAY(ENHANCE_YOUR_CALM): the "rapid reset" attack opens and cancels streams faster than they can be
 *     answered
 * @param resetWindow the window {@code maxResets} is counted over (whole seconds)
 */
public record Http2Limits(boolean enabled, int maxConcurrentStreams, int maxResets, Duration resetWindow) {

  public Http2Limits {
    require(maxConcurrentStreams >= 1 && maxConcurrentStreams <= 10_000,
        "the HTTP/2 stream limit must be between 1 and 10000, got " + maxConcurrentStreams);
    require(maxResets >= 1, "the HTTP/2 reset limit must be at least 1, got " + maxResets);
    require(resetWindow != null && resetWindow.toSeconds() >= 1 && resetWindow.toSeconds() <= 3600,
        "the HTTP/2 reset window must be between 1 s and 1 h");
  }

  /** On; 100 streams per connection (the RFC 9113 recommended minimum); 200 resets per 30 s (Netty's own default). */
  public static Http2Limits defaults() {
    return new Http2Limits(true, 100, 200, Duration.ofSeconds(30));
  }

  public Http2Limits withEnabled(boolean on) {
    return new Http2Limits(on, maxConcurrentStreams, maxResets, resetWindow);
  }

  public Http2Limits withMaxConcurrentStreams(int streams) {
    return new Http2Limits(enabled, streams, maxResets, resetWindow);
  }

  public Http2Limits withMaxResets(int resets, Duration window) {
    return new Http2Limits(enabled, maxConcurrentStreams, resets, window);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
