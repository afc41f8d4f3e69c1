package dev.bulwark.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway listens and where it forwards.
 *
 * @param host the address to bind (loopback by default)
 * @param port the port (0: any free one)
 * @param upstream the OpenAI-compatible base URL, e.g. {@code http://127.0.0.1:8081/v1}
 * @param onBlock what a client gets for a refused request or answer
 * @param refusal the assistant text given with {@link OnBlock#REFUSAL}
 * @param upstreamTimeout how long the upstream may take to start answering (headers)
 * @param maxBodyBytes the largest request body; larger ones get 413
 * @param requestScan whether the request is forwarded only once it is judged, or while it is being judged
 */
public record GatewaySettings(String host, int port, URI upstream, OnBlock onBlock, String refusal,
    Duration upstreamTimeout, int maxBodyBytes, RequestScan requestScan) {

  /** When the request is forwarded, relative to its scan. */
  public enum RequestScan {
    /** Forwarded once every scanner allowed it: a refused request never reaches the upstream. */
    BEFORE,
    /**
     * Forwarded at once and judged meanwhile; nothing of the answer reaches the client before the request's verdict,
     * and a refused request's upstream call is cancelled. Saves the request's scan time from the time to first token,
     * at the price of the upstream seeing (and starting to answer) requests that are then refused: for upstreams
     * you run yourself, never for one where a refused request must not arrive (e.g. personal data kept from a third
     * party).
     */
    ALONGSIDE
  }

  /** What the client gets when Bulwark refuses. */
  public enum OnBlock {
    /** An OpenAI-shaped error: HTTP 400 before the answer started, an {@code error} event in a stream. */
    ERROR,
    /** An ordinary answer whose text is the refusal, with {@code finish_reason: content_filter}. */
    REFUSAL
  }

  public static final String DEFAULT_REFUSAL = "I can't help with that request.";

  public GatewaySettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(onBlock, "onBlock");
    Objects.requireNonNull(refusal, "refusal");
    Objects.requireNonNull(upstreamTimeout, "upstreamTimeout");
    Objects.requireNonNull(requestScan, "requestScan");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be within 0..65535, got " + port);
    }
    String scheme = upstream.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || upstream.getHost() == null) {
      throw new IllegalArgumentException("upstream must be an http(s) URL such as http://127.0.0.1:8081/v1, got " + upstream);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
    }
  }

  /** Loopback, port 8090, errors on block, 60 s for the upstream to answer, 10 MB bodies, requests judged before. */
  public static GatewaySettings of(URI upstream) {
    return new GatewaySettings("127.0.0.1", 8090, upstream, OnBlock.ERROR, DEFAULT_REFUSAL, Duration.ofSeconds(60),
        10 * 1024 * 1024, RequestScan.BEFORE);
  }

  public GatewaySettings withAddress(String newHost, int newPort) {
    return new GatewaySettings(newHost, newPort, upstream, onBlock, refusal, upstreamTimeout, maxBodyBytes,
        requestScan);
  }

  public GatewaySettings withOnBlock(OnBlock action, String text) {
    return new GatewaySettings(host, port, upstream, action, text, upstreamTimeout, maxBodyBytes, requestScan);
  }

  public GatewaySettings withUpstreamTimeout(Duration timeout) {
    return new GatewaySettings(host, port, upstream, onBlock, refusal, timeout, maxBodyBytes, requestScan);
  }

  public GatewaySettings withRequestScan(RequestScan mode) {
    return new GatewaySettings(host, port, upstream, onBlock, refusal, upstreamTimeout, maxBodyBytes, mode);
  }

  /** The upstream URL of {@code path} ({@code chat/completions}, {@code models}). */
  public URI upstream(String path) {
    String base = upstream.toString();
    return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
  }
}
