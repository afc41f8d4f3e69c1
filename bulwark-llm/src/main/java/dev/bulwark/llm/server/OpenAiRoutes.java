package dev.bulwark.llm.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.bulwark.llm.LlmException;
import dev.bulwark.llm.LlmRequest;
import dev.bulwark.llm.LlmResponse;
import dev.bulwark.llm.TokenLogprob;
import dev.bulwark.llm.GgufBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The OpenAI-compatible routes of {@code bulwark serve-llm}: {@code POST /v1/chat/completions} (with logprobs and
 * optional SSE streaming), {@code POST /v1/completions} (raw prompts) and {@code GET /v1/models}. Answers follow the
 * OpenAI shapes closely enough for the official client libraries.
 */
public final class OpenAiRoutes implements HttpHandler {
  private final GgufBackend backend;
  private final String modelId;
  private final long created = System.currentTimeMillis() / 1000;
  private final Duration timeout;

  public OpenAiRoutes(GgufBackend backend, String modelId, Duration timeout) {
    this.backend = backend;
    this.modelId = modelId;
    this.timeout = timeout;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      try {
        switch (path) {
          case "/v1/models" -> {
            requireMethod(method, "GET");
            Exchanges.sendJson(exchange, 200, models());
          }
          case "/v1/chat/completions" -> {
            requireMethod(method, "POST");
            chatCompletions(exchange);
          }
          case "/v1/completions" -> {
            requireMethod(method, "POST");
            completions(exchange);
          }
          case "/healthz" -> Exchanges.sendJson(exchange, 200, Exchanges.JSON.createObjectNode().put("status", "ok"));
          default -> {
            if (path.startsWith("/v1/models/") && path.substring("/v1/models/".length()).equals(modelId)) {
              Exchanges.sendJson(exchange, 200, model());
            } else {
              throw new Exchanges.HttpError(404, "not_found_error", "no route " + method + " " + path
                  + "; this server has GET /v1/models, POST /v1/chat/completions and POST /v1/completions");
            }
          }
        }
      } catch (Exchanges.HttpError e) {
        Exchanges.sendError(exchange, e.status, e.type, e.getMessage());
      } catch (LlmException e) {
        int status = switch (e.kind()) {
          case TIMEOUT -> 504;
          case INVALID_REQUEST -> 400;
          case UNAVAILABLE, CANCELLED -> 503;
          default -> 500;
        };
        Exchanges.sendError(exchange, status, status == 400 ? "invalid_request_error" : "server_error", e.getMessage());
      } catch (UncheckedIOException e) {
        // The client went away while we streamed; nothing left to tell it.
      }
    }
  }

  private static void requireMethod(String method, String expected) {
    if (!method.equals(expected)) {
      throw new Exchanges.HttpError(405, "invalid_request_error", "use " + expected + " for this route");
    }
  }

  private ObjectNode models() {
    ObjectNode body = Exchanges.JSON.createObjectNode();
    body.put("object", "list");
    body.putArray("data").add(model());
    return body;
  }

  private ObjectNode model() {
    ObjectNode m = Exchanges.JSON.createObjectNode();
    m.put("id", modelId);
    m.put("object", "model");
    m.put("created", created);
    m.put("owned_by", "bulwark");
    return m;
  }

  private void chatCompletions(HttpExchange exchange) throws IOException {
    ObjectNode body = Exchanges.readJsonObject(exchange);
    LlmRequest request = CompletionRequests.chat(body, timeout);
    String id = "chatcmpl-" + randomId();
    long now = System.currentTimeMillis() / 1000;
    if (body.path("stream").asBoolean(false)) {
      stream(exchange, request, id, now, body.path("stream_options").path("include_usage").asBoolean(false));
      return;
    }
    LlmResponse r = backend.complete(request);
    ObjectNode out = Exchanges.JSON.createObjectNode();
    out.put("id", id);
    out.put("object", "chat.completion");
    out.put("created", now);
    out.put("model", modelId);
    ObjectNode choice = out.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", r.text());
    message.putNull("refusal");
    if (request.wantsLogprobs()) {
      choice.putObject("logprobs").set("content", logprobContent(r));
    } else {
      choice.putNull("logprobs");
    }
    choice.put("finish_reason", r.finishReason());
    usage(out.putObject("usage"), r);
    Exchanges.sendJson(exchange, 200, out);
  }

  /**
   * Server-sent events as OpenAI streams them: a first chunk with the role, one chunk per token, a last chunk with the
   * finish reason, then {@code data: [DONE]}. Without logprobs tokens are sent as they are generated; with logprobs
   * they are sent after generation, since the probabilities are measured once the text is known.
   */
  private void stream(HttpExchange exchange, LlmRequest request, String id, long now, boolean includeUsage)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    ObjectNode first = chunk(id, now);
    ObjectNode delta = ((ObjectNode) first.withArray("choices").get(0)).putObject("delta");
    delta.put("role", "assistant");
    delta.put("content", "");
    event(out, first);
    LlmResponse r;
    try {
      if (request.wantsLogprobs()) {
        r = backend.complete(request);
        ArrayNode lp = logprobContent(r);
        for (int i = 0; i < r.logprobs().size(); i++) {
          ObjectNode c = chunk(id, now);
          ObjectNode choice = (ObjectNode) c.withArray("choices").get(0);
          choice.putObject("delta").put("content", r.logprobs().get(i).token());
          choice.putObject("logprobs").putArray("content").add(lp.get(i));
          event(out, c);
        }
      } else {
        r = backend.complete(request, piece -> {
          ObjectNode c = chunk(id, now);
          ((ObjectNode) c.withArray("choices").get(0)).putObject("delta").put("content", piece);
          try {
            event(out, c);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    } catch (LlmException e) {
      // Headers are sent: the error travels as an event, as OpenAI does mid-stream.
      ObjectNode err = Exchanges.JSON.createObjectNode();
      err.putObject("error").put("message", e.getMessage()).put("type", "server_error");
      event(out, err);
      out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      return;
    }
    ObjectNode last = chunk(id, now);
    ObjectNode choice = (ObjectNode) last.withArray("choices").get(0);
    choice.putObject("delta");
    choice.put("finish_reason", r.finishReason());
    event(out, last);
    if (includeUsage) {
      ObjectNode u = chunk(id, now);
      u.putArray("choices");
      usage(u.putObject("usage"), r);
      event(out, u);
    }
    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private ObjectNode chunk(String id, long now) {
    ObjectNode c = Exchanges.JSON.createObjectNode();
    c.put("id", id);
    c.put("object", "chat.completion.chunk");
    c.put("created", now);
    c.put("model", modelId);
    ObjectNode choice = c.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putNull("finish_reason");
    return c;
  }

  private static void event(OutputStream out, ObjectNode data) throws IOException {
    out.write(("data: " + Exchanges.JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void completions(HttpExchange exchange) throws IOException {
    ObjectNode body = Exchanges.readJsonObject(exchange);
    if (body.path("stream").asBoolean(false)) {
      throw Exchanges.HttpError.invalid("stream is supported on /v1/chat/completions only");
    }
    LlmRequest request = CompletionRequests.completion(body, timeout);
    LlmResponse r = backend.complete(request);
    ObjectNode out = Exchanges.JSON.createObjectNode();
    out.put("id", "cmpl-" + randomId());
    out.put("object", "text_completion");
    out.put("created", System.currentTimeMillis() / 1000);
    out.put("model", modelId);
    ObjectNode choice = out.putArray("choices").addObject();
    choice.put("text", r.text());
    choice.put("index", 0);
    if (request.wantsLogprobs()) {
      ObjectNode lp = choice.putObject("logprobs");
      ArrayNode tokens = lp.putArray("tokens");
      ArrayNode tokenLogprobs = lp.putArray("token_logprobs");
      ArrayNode top = lp.putArray("top_logprobs");
      ArrayNode offsets = lp.putArray("text_offset");
      int offset = 0;
      for (TokenLogprob t : r.logprobs()) {
        tokens.add(t.token());
        tokenLogprobs.add(t.logprob());
        ObjectNode alts = top.addObject();
        t.top().forEach(a -> alts.put(a.token(), a.logprob()));
        offsets.add(offset);
        offset += t.token().length();
      }
    } else {
      choice.putNull("logprobs");
    }
    choice.put("finish_reason", r.finishReason());
    usage(out.putObject("usage"), r);
    Exchanges.sendJson(exchange, 200, out);
  }

  private static ArrayNode logprobContent(LlmResponse r) {
    ArrayNode content = Exchanges.JSON.createArrayNode();
    for (TokenLogprob t : r.logprobs()) {
      ObjectNode entry = content.addObject();
      entry.put("token", t.token());
      entry.put("logprob", t.logprob());
      bytes(entry, t.token());
      ArrayNode top = entry.putArray("top_logprobs");
      for (TokenLogprob.Alternative a : t.top()) {
        ObjectNode alt = top.addObject();
        alt.put("token", a.token());
        alt.put("logprob", a.logprob());
        bytes(alt, a.token());
      }
    }
    return content;
  }

  private static void bytes(ObjectNode node, String token) {
    ArrayNode b = node.putArray("bytes");
    for (byte x : token.getBytes(StandardCharsets.UTF_8)) {
      b.add(x & 0xff);
    }
  }

  private static void usage(ObjectNode usage, LlmResponse r) {
    int prompt = Math.max(0, r.promptTokens());
    int completion = Math.max(0, r.completionTokens());
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", prompt + completion);
  }

  private static String randomId() {
    byte[] b = new byte[12];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
