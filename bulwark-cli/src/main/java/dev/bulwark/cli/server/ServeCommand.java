package dev.bulwark.cli.server;

import dev.bulwark.cli.CliException;
import dev.bulwark.cli.UsageException;
import dev.bulwark.core.Durations;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.server.ApiKeys;
import dev.bulwark.server.BulwarkServer;
import dev.bulwark.server.ConnectionLimits;
import dev.bulwark.server.ServerSettings;
import dev.bulwark.server.TlsSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark serve}: the HTTP guardrail API (contracts §5; docs/HTTP-API.md). */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Serve the guardrail HTTP API: POST /v1/scan, /v1/moderations, /v1/code/scan; GET /healthz, /readyz, /metrics,",
      "/openapi.json. Binds 127.0.0.1 unless --host says otherwise. Runs until interrupted (Ctrl-C or SIGTERM),",
      "then drains in-flight requests before stopping.",
      "API keys (optional): --api-key-file FILE (one per line) or the environment variable " + ApiKeys.ENVIRONMENT_VARIABLE
          + " (comma-separated); clients send 'Authorization: Bearer KEY'."})
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--host", defaultValue = ServerSettings.DEFAULT_HOST, paramLabel = "HOST",
      description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--config", paramLabel = "FILE", description = "Firewall configuration (YAML); see docs/CONFIGURATION.md.")
  Path config;

  @Option(names = "--api-key-file", paramLabel = "FILE", description = "Bearer API keys, one per line (# comments).")
  Path apiKeyFile;

  @Option(names = "--max-body-bytes", defaultValue = "1048576", paramLabel = "BYTES",
      description = "Largest request body; larger ones get 413 (default: ${DEFAULT-VALUE}).")
  long maxBodyBytes;

  @Option(names = "--deadline", defaultValue = "30s", paramLabel = "DURATION",
      description = "Longest time one request may take, queueing included; then 504 (default: ${DEFAULT-VALUE}).")
  String deadline;

  @Option(names = "--threads", defaultValue = "64", paramLabel = "N",
      description = "Requests worked on at once (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--queue", defaultValue = "256", paramLabel = "N",
      description = "Requests that may wait for a thread; more get 503 with Retry-After (default: ${DEFAULT-VALUE}).")
  int queue;

  @Option(names = "--read-timeout", paramLabel = "DURATION",
      description = "Sets both --header-timeout and --body-timeout (kept for older command lines).")
  String readTimeout;

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
      description = "Longest from a request's first byte to its answer, reading included (default: ${DEFAULT-VALUE}).")
  String maxRequestTime;

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

  @Option(names = "--max-messages", defaultValue = "1000", paramLabel = "N",
      description = "Most messages in one trace or Llama-API moderation request (default: ${DEFAULT-VALUE}).")
  int maxMessages;

  @Option(names = "--moderation-concurrency", defaultValue = "8", paramLabel = "N",
      description = "Moderation requests judged at once; more get 503 with Retry-After (default: ${DEFAULT-VALUE}).")
  int moderationConcurrency;

  @Option(names = "--no-warm-up", description = "Report ready without running each model once first.")
  boolean noWarmUp;

  @Override
  public Integer call() throws Exception {
    ServerSettings settings;
    try {
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
          .withMaxRequestTime(duration("--max-request-time", maxRequestTime));
      settings = ServerSettings.defaults()
          .withAddress(host, port)
          .withLimits(maxBodyBytes, duration("--deadline", deadline), maxMessages)
          .withCapacity(threads, queue)
          .withModerationConcurrency(moderationConcurrency)
          .withDrainTimeout(duration("--drain-timeout", drainTimeout))
          .withConnectionLimits(limits)
          .withApiKeys(apiKeys())
          .withWarmUp(!noWarmUp)
          .withTls(tls());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    FirewallConfig cfg = config == null ? FirewallConfig.defaults() : FirewallConfig.load(config);
    PrintWriter err = spec.commandLine().getErr();
    BulwarkServer server;
    try {
      server = BulwarkServer.start(settings, cfg, line -> {
        synchronized (err) {
          err.println("serve: " + line);
          err.flush();
        }
      });
    } catch (IOException e) {
      throw new CliException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new CliException("cannot serve HTTPS: " + e.getMessage(), e);
    }
    if (!settings.apiKeys().required() && !loopback(host)) {
      err.println("serve: warning: listening on " + host + " without API keys: anyone who can reach this address can"
          + " use the API (--api-key-file FILE or " + ApiKeys.ENVIRONMENT_VARIABLE + ")");
    }
    err.println("serve: listening on " + server.baseUrl() + (settings.apiKeys().required()
        ? " (" + settings.apiKeys().size() + " API keys)" : " (no API keys: open to anyone who can reach it)")
        + "; GET /readyz reports when models are warm; Ctrl-C to stop");
    err.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      err.println("serve: draining and stopping");
      err.flush();
      server.close();
      stopped.countDown();
    }, "bulwark-serve-shutdown"));
    stopped.await();
    return 0;
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

  private static boolean loopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
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

  private static Duration duration(String option, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + ": " + e.getMessage());
    }
  }
}
