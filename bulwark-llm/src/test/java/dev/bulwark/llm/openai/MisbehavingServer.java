package dev.bulwark.llm.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on loopback that answers badly on purpose: garbage, slowly, or with errors. */
final class MisbehavingServer implements AutoCloseable {
  interface Behaviour {
    void answer(HttpExchange exchange, int call) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "misbehaving-server");
    t.setDaemon(true);
    return t;
  });
  final AtomicInteger calls = new AtomicInteger();

  MisbehavingServer(Behaviour behaviour) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        behaviour.answer(exchange, calls.incrementAndGet());
      } catch (IOException e) {
        // client gave up
      }
    });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(b);
      }
    }
  }

  static final String OK = "{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
      + "\"message\":{\"role\":\"assistant\",\"content\":\"safe\"},\"finish_reason\":\"stop\"}]}";

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
