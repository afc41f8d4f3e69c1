package dev.bulwark.llm;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.llm.server.OpenAiRoutes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bulwark serve-llm}: a local GGUF model behind an OpenAI-compatible HTTP API ({@code /v1/chat/completions},
 * {@code /v1/completions}, {@code /v1/models}) on the JDK HTTP server. Generation is serial (one model, one worker);
 * a few request threads queue behind it. Run the JVM with {@code -Dsun.net.httpserver.nodelay=true} (the launcher
 * does), or small answers wait on delayed ACKs.
 */
public final class LocalModelServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final String modelId;

  private LocalModelServer(HttpServer server, ExecutorService executor, String modelId) {
    this.server = server;
    this.executor = executor;
    this.modelId = modelId;
  }

  /**
   * Starts serving {@code backend} on {@code host:port} (port 0 picks a free one).
   *
   * @param modelId the model name clients use and {@code /v1/models} lists
   * @param timeout the longest one request may generate
   */
  public static LocalModelServer start(GgufBackend backend, String host, int port, String modelId, Duration timeout)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "bulwark-serve-llm-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", new OpenAiRoutes(backend, modelId, timeout));
    server.start();
    return new LocalModelServer(server, executor, modelId);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL OpenAI clients take, e.g. {@code http://127.0.0.1:8081/v1}. */
  public URI baseUrl() {
    String host = server.getAddress().getHostString();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port() + "/v1");
  }

  public String modelId() {
    return modelId;
  }

  /** Stops accepting requests and ends the request threads; the backend stays open (its owner closes it). */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
