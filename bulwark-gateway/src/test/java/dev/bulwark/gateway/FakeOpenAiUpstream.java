package dev.bulwark.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server that answers like OpenAI's chat completions: a {@code chat.completion} object, or SSE
 * {@code chat.completion.chunk} events (a role chunk, content chunks, a finish chunk, {@code [DONE]}), written and
 * flushed one by one. Tests choose what it says next and can make it misbehave.
 */
final class FakeOpenAiUpstream implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the next answer is: raw SSE payload pieces (already framed) or a whole response. */
  record Script(int status, String wholeBody, List<byte[]> events, long delayMillis) {}

  private final HttpServer server;
  volatile Script script;
  final AtomicInteger chatRequests = new AtomicInteger();
  final AtomicInteger eventsWritten = new AtomicInteger();
  final AtomicBoolean clientHungUp = new AtomicBoolean();
  volatile CountDownLatch hungUp = new CountDownLatch(1);
  volatile JsonNode lastRequest;
  volatile String lastAuthorization;
  /** How long to wait before answering at all (headers included): an upstream that does not start. */
  volatile long stallMillis;
  /** When set, the next answers stream this content chunk forever (until the client hangs up). */
  volatile String endlessChunk;

  FakeOpenAiUpstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/v1/chat/completions", this::chat);
    server.createContext("/v1/models", ex -> send(ex, 200,
        "{\"object\":\"list\",\"data\":[{\"id\":\"tiny\",\"object\":\"model\",\"created\":0,\"owned_by\":\"test\"}]}"));
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  private void chat(HttpExchange ex) throws IOException {
    chatRequests.incrementAndGet();
    lastRequest = JSON.readTree(ex.getRequestBody().readAllBytes());
    lastAuthorization = ex.getRequestHeaders().getFirst("Authorization");
    Script s = script;
    if (stallMillis > 0) {
      try {
        Thread.sleep(stallMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (endlessChunk != null) {
      endless(ex, endlessChunk);
      return;
    }
    if (s.events() == null) {
      send(ex, s.status(), s.wholeBody());
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    try {
      for (byte[] e : s.events()) {
        out.write(e);
        out.flush();
        eventsWritten.incrementAndGet();
        if (s.delayMillis() > 0) {
          Thread.sleep(s.delayMillis());
        }
      }
      out.close();
    } catch (IOException e) {
      clientHungUp.set(true);
      hungUp.countDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void endless(HttpExchange ex, String content) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    byte[] event = event(chunk(JSON.createObjectNode().put("content", content).toString(), null));
    try {
      out.write(event(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null)));
      while (true) {
        out.write(event);
        out.flush();
        eventsWritten.incrementAndGet();
        Thread.sleep(2);
      }
    } catch (IOException e) {
      clientHungUp.set(true);
      hungUp.countDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The SSE events OpenAI would send for {@code answer}, in content chunks of {@code size} chars. */
  static List<byte[]> streamOf(String answer, int size, boolean finish) {
    List<byte[]> out = new ArrayList<>();
    out.add(event(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null)));
    for (int i = 0; i < answer.length(); i += size) {
      ObjectNode delta = JSON.createObjectNode().put("content", answer.substring(i, Math.min(answer.length(), i + size)));
      out.add(event(chunk(delta.toString(), null)));
    }
    if (finish) {
      out.add(event(chunk("{}", "\"stop\"")));
      out.add("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  static String chunk(String delta, String finish) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"tiny\","
        + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}";
  }

  static byte[] event(String data) {
    return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  static String completion(String text) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-2").put("object", "chat.completion").put("created", 1700000000).put("model", "tiny");
    ObjectNode c = root.putArray("choices").addObject();
    c.put("index", 0);
    c.putObject("message").put("role", "assistant").put("content", text);
    c.put("finish_reason", "stop");
    return root.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
