package dev.bulwark.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat endpoint on loopback whose answers a test scripts: it stands in for an auditor or judge
 * model, which cannot run here. It records every request body, so tests can check what the model was shown.
 */
public final class ScriptedChatServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "scripted-chat");
    t.setDaemon(true);
    return t;
  });
  public final List<String> requests = new CopyOnWriteArrayList<>();
  /** When set, requests asking for logprobs get HTTP 400, as some providers answer. */
  public volatile boolean refuseLogprobs;

  /** Answers every request with {@code answer.apply(requestBody)} as the assistant's content. */
  public ScriptedChatServer(Function<String, String> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      try (exchange) {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(body);
        if (refuseLogprobs && body.contains("\"logprobs\"")) {
          byte[] err = "{\"error\":{\"message\":\"logprobs is not supported with this model\"}}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(400, err.length);
          try (OutputStream os = exchange.getResponseBody()) {
            os.write(err);
          }
          return;
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("id", "chatcmpl-1").put("object", "chat.completion").put("model", "scripted");
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", answer.apply(body));
        byte[] b = JSON.writeValueAsBytes(out);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, b.length);
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(b);
        }
      }
    });
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** A backends section naming this server {@code auditor}. */
  public String backendsYaml() {
    return "backends:\n  auditor: {type: openai, base-url: '" + baseUrl() + "', model: scripted}\n";
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
