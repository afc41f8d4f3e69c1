package dev.bulwark.server;

import dev.bulwark.codeshield.CodeShield;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallConfig;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.ScannerRegistry;
import dev.bulwark.llm.ChatMessage;
import dev.bulwark.llm.Moderation;
import dev.bulwark.llm.ModerationRequest;
import dev.bulwark.server.api.Endpoints;
import dev.bulwark.server.api.Readiness;
import dev.bulwark.server.http.WorkerPool;
import dev.bulwark.server.metrics.ServerMetrics;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code bulwark serve}: the HTTP guardrail API of contracts §5 behind the hardened {@link HttpFront} (on Netty):
 * requests are read on event loops, and only complete ones reach the request threads.
 *
 * <p>The firewall, Code Shield and the moderation model are built once, at start, from the configuration; a
 * configuration mistake fails {@link #start} with the file and line. Models then warm up in the background while
 * {@code /readyz} answers 503. {@link #close()} drains: new work is refused with 503, in-flight requests finish (up
 * to the drain timeout), then every thread the server started ends.
 *
 * <pre>{@code
 * try (BulwarkServer server = BulwarkServer.start(ServerSettings.defaults(), FirewallConfig.defaults(), System.err::println)) {
 *   System.out.println(server.baseUrl());   // http://127.0.0.1:8080
 * }
 * }</pre>
 */
public final class BulwarkServer implements AutoCloseable {
  private final ServerSettings settings;
  private final HttpFront http;
  private final WorkerPool executor;
  private final ExecutorService selectionExecutor;
  private final Firewall firewall;
  private final Moderation moderation;
  private final Endpoints endpoints;
  private final ServerMetrics metrics;
  private final Readiness readiness;
  private final AtomicBoolean draining;
  private final Thread warmUp;
  private final Consumer<String> log;
  private final AtomicBoolean closed = new AtomicBoolean();

  private BulwarkServer(ServerSettings settings, HttpFront http, WorkerPool executor,
      ExecutorService selectionExecutor, Firewall firewall, Moderation moderation, Endpoints endpoints,
      ServerMetrics metrics, Readiness readiness, AtomicBoolean draining, Thread warmUp, Consumer<String> log) {
    this.settings = settings;
    this.http = http;
    this.executor = executor;
    this.selectionExecutor = selectionExecutor;
    this.firewall = firewall;
    this.moderation = moderation;
    this.endpoints = endpoints;
    this.metrics = metrics;
    this.readiness = readiness;
    this.draining = draining;
    this.warmUp = warmUp;
    this.log = log;
  }

  /**
   * Builds the protections from {@code config} and starts serving.
   *
   * @param log where start-up notes and internal errors go (never request bodies or API keys)
   * @throws dev.bulwark.core.ConfigException for a configuration mistake (unknown scanner, bad setting, model that
   *     cannot load)
   * @throws IOException when the address cannot be bound
   * @throws IllegalArgumentException when the TLS certificate, key or client CA file cannot be used
   */
  public static BulwarkServer start(ServerSettings settings, FirewallConfig config, Consumer<String> log)
      throws IOException {
    ScannerRegistry registry = ScannerRegistry.discover();
    Firewall firewall = Firewall.builder().registry(registry).config(config).build();
    Moderation moderation = null;
    WorkerPool executor = null;
    ExecutorService selectionExecutor = null;
    Endpoints endpoints = null;
    try {
      firewall.notes().stream().distinct().forEach(n -> log.accept("note: " + n));
      CodeShield codeShield = CodeShield.create();
      moderation = Moderation.fromConfig(config).orElse(null);
      Readiness readiness = new Readiness();
      AtomicBoolean draining = new AtomicBoolean();
      executor = new WorkerPool(settings.threads(), settings.queue());
      WorkerPool exec = executor;
      ServerMetrics metrics = new ServerMetrics(exec::queued, () -> readiness.ready() ? 1 : 0);
      selectionExecutor = Executors.newCachedThreadPool(daemon("bulwark-selected-scanner"));
      endpoints = new Endpoints(firewall, config, registry, codeShield, moderation, metrics, readiness,
          settings.maxMessages(), settings.deadline(), settings.moderationConcurrency(), selectionExecutor);
      HttpFront http = HttpFront.start(settings, executor, metrics, endpoints.routes(), draining, log);
      Moderation m = moderation;
      Thread warmUp = new Thread(() -> warmUp(firewall, codeShield, m, readiness, draining, settings.warmUp(), log),
          "bulwark-warmup");
      warmUp.setDaemon(true);
      warmUp.start();
      return new BulwarkServer(settings, http, executor, selectionExecutor, firewall, moderation, endpoints, metrics,
          readiness, draining, warmUp, log);
    } catch (IOException | RuntimeException e) {
      if (endpoints != null) {
        endpoints.close();
      }
      if (executor != null) {
        shutdownQuietly(executor);
      }
      if (selectionExecutor != null) {
        selectionExecutor.shutdownNow();
      }
      if (moderation != null) {
        moderation.close();
      }
      firewall.close();
      throw e;
    }
  }

  /** Runs each model once so the first real request does not pay for lazy initialisation, then reports ready. */
  private static void warmUp(Firewall firewall, CodeShield codeShield, Moderation moderation, Readiness readiness,
      AtomicBoolean draining, boolean enabled, Consumer<String> log) {
    long start = System.nanoTime();
    int scanners = 0;
    for (Role role : Role.values()) {
      scanners += firewall.scanners(role).size();
      if (enabled && !firewall.scanners(role).isEmpty()) {
        for (int i = 0; i < 3 && !Thread.currentThread().isInterrupted(); i++) {
          firewall.scan(new Message(role, "Warm-up message: what is the capital of France?"));
        }
      }
    }
    readiness.component("firewall", "ready (" + scanners + " scanner bindings)");
    if (enabled) {
      codeShield.scan("import os\nos.system('ls ' + path)\n", "python");
    }
    readiness.component("code_shield", "ready");
    if (moderation == null) {
      readiness.component("moderation", "not_configured");
    } else if (enabled) {
      try {
        moderation.moderate(new ModerationRequest(ModerationRequest.Shape.OPENAI,
            List.of(List.of(ChatMessage.user("Warm-up message: what is the capital of France?"))), null));
        readiness.component("moderation", "ready (" + moderation.classifier().name() + ")");
      } catch (RuntimeException e) {
        readiness.component("moderation", "error: " + e.getMessage());
        log.accept("warning: the moderation model failed its warm-up: " + e.getMessage());
      }
    } else {
      readiness.component("moderation", "ready (" + moderation.classifier().name() + ")");
    }
    if (!draining.get()) {
      readiness.phase(Readiness.Phase.READY);
    }
    if (enabled) {
      log.accept("ready: warmed up in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
    }
  }

  public int port() {
    return http.port();
  }

  /** E.g. {@code http://127.0.0.1:8080}, or {@code https://...} with TLS. */
  public URI baseUrl() {
    return http.baseUrl();
  }

  public boolean ready() {
    return readiness.ready();
  }

  public ServerSettings settings() {
    return settings;
  }

  /** The Prometheus text the {@code /metrics} endpoint serves. */
  public String metricsText() {
    return metrics.scrape();
  }

  /**
   * Drains and stops: refuses new work with 503, waits for in-flight requests (up to the drain timeout), closes every
   * connection, ends the request threads, and releases the firewall and models. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    draining.set(true);
    readiness.phase(Readiness.Phase.DRAINING);
    long end = System.nanoTime() + settings.drainTimeout().toNanos();
    AtomicInteger inFlight = metrics.inFlight();
    while (inFlight.get() > 0 && System.nanoTime() < end) {
      sleep(10);
    }
    if (inFlight.get() > 0) {
      log.accept("warning: " + inFlight.get() + " requests still running after the drain timeout; stopping anyway");
    }
    http.stopAccepting();
    warmUp.interrupt();
    try {
      // Queued requests still get their (503 shutting_down) answers on their open connections...
      executor.shutdown(2_000);
      warmUp.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // ...then every connection is closed and the event loops end.
    http.closeConnections();
    selectionExecutor.shutdownNow();
    endpoints.close();
    if (moderation != null) {
      moderation.close();
    }
    firewall.close();
  }

  private static void shutdownQuietly(WorkerPool executor) {
    try {
      executor.shutdown(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
