package dev.bulwark.cli.gateway;

import dev.bulwark.cli.CliException;
import dev.bulwark.cli.UsageException;
import dev.bulwark.core.Durations;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.core.Role;
import dev.bulwark.gateway.BulwarkGateway;
import dev.bulwark.gateway.GatewaySettings;
import dev.bulwark.cli.server.TransportOptions;
import dev.bulwark.server.ApiKeys;
import dev.bulwark.server.ServerSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark gateway}: an OpenAI-compatible proxy that guards requests and streamed answers (docs/GATEWAY.md). */
@Command(name = "gateway", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Serve an OpenAI-compatible proxy in front of --upstream: POST /v1/chat/completions (streamed or not) is scanned",
      "before it is forwarded (roles user and tool) and its answer while it streams back (role assistant); GET",
      "/v1/models is passed through. Binds 127.0.0.1 unless --host says otherwise. Runs until interrupted.",
      "It listens like 'serve' (the same connection limits, TLS, API keys with quotas, audit log and GET /metrics).",
      "Upstream key: the environment variable " + GatewayCommand.UPSTREAM_KEY_VARIABLE + " if set, else the client's"
          + " Authorization header when the gateway has no API keys of its own."})
public final class GatewayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--upstream", required = true, paramLabel = "URL",
      description = "The OpenAI-compatible server's base URL, e.g. http://127.0.0.1:8081/v1.")
  String upstream;

  @Option(names = "--config", paramLabel = "FILE", description = "Firewall configuration (YAML); see docs/CONFIGURATION.md.")
  Path config;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
      description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8090", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--on-block", defaultValue = "error", paramLabel = "error|refusal",
      description = "What a refused request or answer gets: an OpenAI-shaped error, or an answer with the refusal text (default: ${DEFAULT-VALUE}).")
  String onBlock;

  @Option(names = "--refusal", defaultValue = GatewaySettings.DEFAULT_REFUSAL, paramLabel = "TEXT",
      description = "The refusal text for --on-block refusal (default: ${DEFAULT-VALUE}).")
  String refusal;

  @Option(names = "--upstream-timeout", defaultValue = "60s", paramLabel = "DURATION",
      description = "How long the upstream may take to start answering; then 504 (default: ${DEFAULT-VALUE}).")
  String upstreamTimeout;

  @Option(names = "--request-scan", defaultValue = "before", paramLabel = "WHEN",
      description = "before: a request is forwarded once it is judged (a refused one never reaches the upstream);"
          + " alongside: forwarded at once and judged meanwhile, its answer held until the verdict (saves the"
          + " request's scan time from the time to first token; only for an upstream allowed to see refused"
          + " requests) (default: ${DEFAULT-VALUE}).")
  String requestScan;

  @Option(names = "--threads", defaultValue = "" + BulwarkGateway.DEFAULT_THREADS, paramLabel = "N",
      description = "Exchanges worked on at once; a streamed answer holds one for as long as it streams"
          + " (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--queue", defaultValue = "256", paramLabel = "N",
      description = "Exchanges that may wait for a thread; more get 503 with Retry-After (default: ${DEFAULT-VALUE}).")
  int queue;

  @Mixin TransportOptions transport;

  /** The key the gateway sends upstream, instead of the client's Authorization header. */
  static final String UPSTREAM_KEY_VARIABLE = "BULWARK_UPSTREAM_API_KEY";

  @Override
  public Integer call() throws Exception {
    GatewaySettings settings;
    ServerSettings listener;
    try {
      GatewaySettings.OnBlock action = switch (onBlock.toLowerCase(Locale.ROOT)) {
        case "error" -> GatewaySettings.OnBlock.ERROR;
        case "refusal" -> GatewaySettings.OnBlock.REFUSAL;
        default -> throw new IllegalArgumentException("--on-block: expected error or refusal, got '" + onBlock + "'");
      };
      GatewaySettings.RequestScan when = switch (requestScan.toLowerCase(Locale.ROOT)) {
        case "before" -> GatewaySettings.RequestScan.BEFORE;
        case "alongside" -> GatewaySettings.RequestScan.ALONGSIDE;
        default -> throw new IllegalArgumentException(
            "--request-scan: expected before or alongside, got '" + requestScan + "'");
      };
      Duration timeout = Durations.parse(upstreamTimeout);
      settings = GatewaySettings.of(URI.create(upstream)).withAddress(host, port).withOnBlock(action, refusal)
          .withUpstreamTimeout(timeout).withRequestScan(when);
      listener = transport.apply(ServerSettings.defaults().withCapacity(threads, queue), null);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    FirewallConfig cfg = config == null ? FirewallConfig.defaults() : FirewallConfig.load(config);
    Firewall firewall = Firewall.builder().config(cfg)
        .onlyRoles(EnumSet.of(Role.USER, Role.TOOL, Role.ASSISTANT)).build();
    PrintWriter err = spec.commandLine().getErr();
    BulwarkGateway gateway;
    try {
      String upstreamKey = System.getenv(UPSTREAM_KEY_VARIABLE);
      gateway = BulwarkGateway.start(settings, listener, firewall,
          upstreamKey == null || upstreamKey.isBlank() ? null : upstreamKey.strip());
    } catch (IOException | RuntimeException e) {
      firewall.close();
      throw new CliException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    err.println("gateway: " + firewall.describe());
    if (!listener.apiKeys().required() && !TransportOptions.loopback(host)) {
      err.println("gateway: warning: listening on " + host + " without API keys: anyone who can reach this address"
          + " can use the upstream through it (--api-key-file FILE or " + ApiKeys.ENVIRONMENT_VARIABLE + ")");
    }
    err.println("gateway: listening on " + gateway.baseUrl() + ", forwarding to " + settings.upstream()
        + (listener.apiKeys().required() ? " (" + listener.apiKeys().size() + " API keys)" : "")
        + "; GET /metrics for its metrics; Ctrl-C to stop");
    err.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.close();
      firewall.close();
      stopped.countDown();
    }, "bulwark-gateway-shutdown"));
    stopped.await();
    return 0;
  }
}
