package dev.bulwark.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible chat endpoint on loopback for the tests that need an endpoint to misbehave on purpose (rate
 * limits, errors on some prompts) or to observe the harness (requests in flight, headers). The reply to each request
 * comes from a rule over the last user message and how many times that message was seen.
 */
final class StubChatServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What to answer: an HTTP status, and the assistant's text (for 200) or an error message. */
  record Reply(int status, String text, String retryAfter) {
    static Reply ok(String text) {
      return new Reply(200, text, null);
    }

    static Reply status(int status, String message) {
      return new Reply(status, message, null);
    }
  }

  interface Rule {
    Reply reply(String lastUserMessage, int attempt);
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "stub-chat");
    t.setDaemon(true);
    return t;
  });
  private final Rule rule;
  private final ConcurrentHashMap<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  /** When positive, each request waits (up to 5 s) until this many are in flight, so a bound shows as a plateau. */
  volatile int holdUntilInFlight;

  StubChatServer(Rule rule) throws IOException {
    this.rule = rule;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try (exchange) {
        requests.incrementAndGet();
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String last = "";
        for (JsonNode m : body.path("messages")) {
          if (m.path("role").asText().equals("user")) {
            last = m.path("content").asText();
          }
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (holdUntilInFlight > 0 && inFlight.get() < holdUntilInFlight && System.nanoTime() < deadline) {
          Thread.sleep(2);
        }
        int attempt = attempts.computeIfAbsent(last, k -> new AtomicInteger()).incrementAndGet();
        Reply r = rule.reply(last, attempt);
        byte[] bytes;
        if (r.status() == 200) {
          ObjectNode out = JSON.createObjectNode();
          out.put("id", "chatcmpl-stub").put("object", "chat.completion").put("model", body.path("model").asText());
          ObjectNode choice = out.putArray("choices").addObject();
          choice.put("index", 0).put("finish_reason", "stop");
          choice.putObject("message").put("role", "assistant").put("content", r.text());
          bytes = JSON.writeValueAsBytes(out);
        } else {
          ObjectNode err = JSON.createObjectNode();
          err.putObject("error").put("message", r.text()).put("type", "stub");
          bytes = JSON.writeValueAsBytes(err);
          if (r.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", r.retryAfter());
          }
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(r.status(), bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(bytes);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the client gave up
      } finally {
        inFlight.decrementAndGet();
      }
    });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
