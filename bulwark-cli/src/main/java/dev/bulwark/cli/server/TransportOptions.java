package dev.bulwark.cli.server;

import dev.bulwark.cli.CliException;
import dev.bulwark.cli.UsageException;
import dev.bulwark.core.Durations;
import dev.bulwark.server.ApiKeys;
import dev.bulwark.server.ConnectionLimits;
import dev.bulwark.server.Http2Limits;
import dev.bulwark.server.ServerSettings;
import dev.bulwark.server.TlsSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options of the hardened HTTP front that {@code serve} and {@code gateway} share (docs/HTTP-API.md, "Limits"):
 * connection limits, TLS, API keys and the audit log. A picocli mixin, so both commands spell them alike.
 */
public final class TransportOptions {
  @Option(names = "--api-key-file", paramLabel = "FILE",
      description = "Bearer API keys, one per line (# comments), each optionally with id=NAME rate=N burst=N"
          + " endpoints=/path,...; or the environment variable " + ApiKeys.ENVIRONMENT_VARIABLE + " (comma-separated keys).")
  Path apiKeyFile;

  @Option(names = "--audit-log", paramLabel = "FILE|-",
      description = "Append one JSON line per API request (key id, endpoint, status, decision, latency, sizes, content"
          + " SHA-256; never the content) to FILE, or to standard output for '-'. Off by default.")
  Path auditLog;

  @Option(names = "--header-timeout", defaultValue = "10s", paramLabel = "DURATION",
      description = "Longest from a request's first byte (or the connection's opening) to the end of its headers;"
          + " then 408 and close (default: ${DEFAULT-VALUE}).")
  String headerTimeout;

  @Option(names = "--body-timeout", defaultValue = "10s", paramLabel = "DURATION",
      description = "Window over which a body must keep arriving at --min-body-rate; then 408 and close"
          + " (default: ${DEFAULT-VALUE}).")
  String bodyTimeout;

  @Option(names = "--min-body-rate", defaultValue = "1024", paramLabel = "BYTES_PER_S",
      description = "Least bytes per second a body must arrive at, over each --body-timeout window (default: ${DEFAULT-VALUE}).")
  long minBodyRate;

  @Option(names = "--idle-timeout", defaultValue = "60s", paramLabel = "DURATION",
      description = "Longest a keep-alive connection may wait for its next request; then it is closed (default: ${DEFAULT-VALUE}).")
  String idleTimeout;

  @Option(names = "--max-header-bytes", defaultValue = "16384", paramLabel = "BYTES",
      description = "Longest request line (414 past it) and header block (431 past it) (default: ${DEFAULT-VALUE}).")
  int maxHeaderBytes;

  @Option(names = "--max-connections", defaultValue = "4096", paramLabel = "N",
      description = "Connections open at once; one more gets 503 and is closed at once (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(names = "--max-request-time", defaultValue = "60s", paramLabel = "DURATION",
      description = "Longest from a request's first byte until it is read whole and answered (an answer streamed by"
          + " the gateway is bounded by streaming.max-answer-time instead) (default: ${DEFAULT-VALUE}).")
  String maxRequestTime;

  @Option(names = "--http2", defaultValue = "on", paramLabel = "on|off",
      description = "Offer HTTP/2: h2c on a plain port (prior knowledge or Upgrade: h2c), h2 by ALPN over TLS;"
          + " off: HTTP/1.1 only (default: ${DEFAULT-VALUE}).")
  String http2;

  @Option(names = "--http2-max-streams", defaultValue = "100", paramLabel = "N",
      description = "HTTP/2 streams open at once per connection; one more is refused (RST_STREAM REFUSED_STREAM)"
          + " (default: ${DEFAULT-VALUE}).")
  int http2MaxStreams;

  @Option(names = "--http2-max-resets", defaultValue = "200", paramLabel = "N",
      description = "RST_STREAM frames a client may send per --http2-reset-window before its connection is closed"
          + " (GOAWAY ENHANCE_YOUR_CALM; rapid-reset protection) (default: ${DEFAULT-VALUE}).")
  int http2MaxResets;

  @Option(names = "--http2-reset-window", defaultValue = "30s", paramLabel = "DURATION",
      description = "The window --http2-max-resets is counted over, in whole seconds (default: ${DEFAULT-VALUE}).")
  String http2ResetWindow;

  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "Serve HTTPS with this PEM certificate chain (needs --tls-key). TLS 1.2 and 1.3 only.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE",
      description = "The PEM private key of --tls-cert (PKCS#8, unencrypted: BEGIN PRIVATE KEY).")
  Path tlsKey;

  @Option(names = "--tls-client-ca", paramLabel = "FILE",
      description = "Require client certificates issued by these PEM CA certificates.")
  Path tlsClientCa;

  @Option(names = "--drain-timeout", defaultValue = "20s", paramLabel = "DURATION",
      description = "On shutdown, longest wait for in-flight requests (default: ${DEFAULT-VALUE}).")
  String drainTimeout;

  /**
   * {@code base} with these options.
   *
   * @param readTimeout when given, both the header and the body timeout (serve's older --read-timeout), else null
   * @throws IllegalArgumentException for a value out of range
   */
  public ServerSettings apply(ServerSettings base, String readTimeout) {
    Duration headers = duration("--header-timeout", headerTimeout);
    Duration body = duration("--body-timeout", bodyTimeout);
    if (readTimeout != null) {
      headers = duration("--read-timeout", readTimeout);
      body = headers;
    }
    ConnectionLimits limits = ConnectionLimits.defaults()
        .withHeaderTimeout(headers)
        .withBodyTimeout(body, minBodyRate)
        .withIdleTimeout(duration("--idle-timeout", idleTimeout))
        .withMaxHeaderBytes(maxHeaderBytes)
        .withMaxConnections(maxConnections)
        .withMaxRequestTime(duration("--max-request-time", maxRequestTime))
        .withHttp2(Http2Limits.defaults()
            .withEnabled(onOff("--http2", http2))
            .withMaxConcurrentStreams(http2MaxStreams)
            .withMaxResets(http2MaxResets, duration("--http2-reset-window", http2ResetWindow)));
    return base.withConnectionLimits(limits)
        .withDrainTimeout(duration("--drain-timeout", drainTimeout))
        .withApiKeys(apiKeys())
        .withTls(tls())
        .withAuditLog(auditLog);
  }

  private TlsSettings tls() {
    if (tlsCert == null && tlsKey == null) {
      if (tlsClientCa != null) {
        throw new IllegalArgumentException("--tls-client-ca needs --tls-cert and --tls-key");
      }
      return null;
    }
    if (tlsCert == null || tlsKey == null) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both");
    }
    return new TlsSettings(tlsCert, tlsKey, tlsClientCa);
  }

  private ApiKeys apiKeys() {
    try {
      if (apiKeyFile != null) {
        return ApiKeys.fromFile(apiKeyFile);
      }
      String env = System.getenv(ApiKeys.ENVIRONMENT_VARIABLE);
      return env == null || env.isBlank() ? ApiKeys.none() : ApiKeys.fromValue(env);
    } catch (IOException e) {
      throw new CliException("cannot read --api-key-file " + apiKeyFile + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code host} is this machine only. */
  public static boolean loopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  static boolean onOff(String option, String text) {
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new UsageException(option + ": expected on or off, got '" + text + "'");
    };
  }

  static Duration duration(String option, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + ": " + e.getMessage());
    }
  }
}
