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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark serve}: the HTTP guardrail API (contracts §5; docs/HTTP-API.md). */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Serve the guardrail HTTP API: POST /v1/scan, /v1/moderations, /v1/code/scan; GET /healthz, /readyz, /metrics,",
      "/openapi.json. Binds 127.0.0.1 unless --host says otherwise. Runs until interrupted (Ctrl-C or SIGTERM),",
      "then drains in-flight requests before stopping.",
      "API keys (optional): --api-key-file FILE (one per line, with optional quotas) or the environment variable "
          + ApiKeys.ENVIRONMENT_VARIABLE + " (comma-separated); clients send 'Authorization: Bearer KEY'."})
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--host", defaultValue = ServerSettings.DEFAULT_HOST, paramLabel = "HOST",
      description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--config", paramLabel = "FILE", description = "Firewall configuration (YAML); see docs/CONFIGURATION.md.")
  Path config;

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

  @Mixin TransportOptions transport;

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
      settings = transport.apply(ServerSettings.defaults()
          .withAddress(host, port)
          .withLimits(maxBodyBytes, TransportOptions.duration("--deadline", deadline), maxMessages)
          .withCapacity(threads, queue)
          .withModerationConcurrency(moderationConcurrency)
          .withWarmUp(!noWarmUp), readTimeout);
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
    if (!settings.apiKeys().required() && !TransportOptions.loopback(host)) {
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
}
