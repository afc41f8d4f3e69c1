package dev.bulwark.gateway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.AnswerStream;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Firewall;
import dev.bulwark.core.FirewallResult;
import dev.bulwark.core.Message;
import dev.bulwark.core.Role;
import dev.bulwark.core.StreamStep;
import dev.bulwark.core.ToolCall;
import dev.bulwark.core.Trace;
import dev.bulwark.gateway.GatewaySettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code POST /v1/chat/completions}: scans the request's last user message (and tool results after it) with the
 * earlier messages as context, forwards it, and scans the answer: whole when not streamed, chunk by chunk through an
 * {@link AnswerStream} when streamed, passing on only released text and ending the SSE stream cleanly at a block.
 */
public final class ChatExchange {
  private static final Logger LOG = LoggerFactory.getLogger(ChatExchange.class);
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final int MAX_EVENT_CHARS = 4 * 1024 * 1024;

  private final GatewaySettings settings;
  private final Firewall firewall;
  private final HttpClient http;
  private final ScheduledExecutorService timer;
  private final Executor scans;

  /** @param scans where requests judged alongside their forwarding are judged */
  public ChatExchange(GatewaySettings settings, Firewall firewall, HttpClient http, ScheduledExecutorService timer,
      Executor scans) {
    this.settings = settings;
    this.firewall = firewall;
    this.http = http;
    this.timer = timer;
    this.scans = scans;
  }

  public void handle(byte[] body, String authorization, Responder out) {
    JsonNode request;
    List<Message> messages;
    try {
      request = OpenAiShapes.JSON.readTree(body);
      if (request == null || !request.isObject()) {
        throw new IllegalArgumentException("the body must be a JSON object");
      }
      messages = RequestMessages.of(request.get("messages"));
    } catch (IOException e) {
      out.json(400, OpenAiShapes.error("the body is not valid JSON: " + firstLine(e.getMessage()), "invalid_request_error", null));
      return;
    } catch (IllegalArgumentException e) {
      out.json(400, OpenAiShapes.error(e.getMessage(), "invalid_request_error", null));
      return;
    }
    boolean stream = request.path("stream").asBoolean(false);
    String model = request.path("model").asText("bulwark");
    Responder answer = out;
    if (settings.requestScan() == GatewaySettings.RequestScan.BEFORE) {
      FirewallResult input = scanInput(messages, out);
      if (input != null) {
        refuse(out, stream, model, "request", input, true);
        return;
      }
    } else {
      CompletableFuture<FirewallResult> input = CompletableFuture.supplyAsync(() -> scanInput(messages, out), scans);
      answer = new HeldResponder(out, input, verdict -> refuse(out, stream, model, "request", verdict, true));
    }
    Trace context = Trace.of(messages);
    HttpRequest.Builder up = HttpRequest.newBuilder(settings.upstream("chat/completions"))
        .timeout(settings.upstreamTimeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      up.header("Authorization", authorization);
    }
    if (stream) {
      streamed(up.build(), context, model, answer);
    } else {
      whole(up.build(), context, model, answer);
    }
  }

  /** The first refusing verdict among the last user message and the tool results after it, or null. */
  private FirewallResult scanInput(List<Message> messages, Responder out) {
    int last = -1;
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        last = i;
        break;
      }
    }
    for (int i = Math.max(0, last); i < messages.size(); i++) {
      Message m = messages.get(i);
      if (i == last || (last >= 0 && m.role() == Role.TOOL)) {
        FirewallResult r = firewall.scan(m, Trace.of(messages.subList(0, i)));
        out.verdict(r);
        if (r.decision() == Decision.BLOCK) {
          return r;
        }
      }
    }
    return null;
  }

  private void whole(HttpRequest request, Trace context, String model, Responder out) {
    HttpResponse<byte[]> response;
    try {
      response = send(request, HttpResponse.BodyHandlers.ofByteArray(), out);
    } catch (UpstreamFailure f) {
      out.json(f.status, OpenAiShapes.error(f.getMessage(), "upstream_error", null));
      return;
    }
    if (response == null) {
      return;
    }
    if (response.statusCode() != 200) {
      out.json(response.statusCode(), upstreamError(response.statusCode(), response.body()));
      return;
    }
    JsonNode answer;
    try {
      answer = OpenAiShapes.JSON.readTree(response.body());
    } catch (IOException e) {
      out.json(502, OpenAiShapes.error("the upstream answered with invalid JSON", "upstream_error", null));
      return;
    }
    for (JsonNode choice : answer.path("choices")) {
      JsonNode message = choice.path("message");
      List<ToolCall> calls = new ArrayList<>();
      for (JsonNode c : message.path("tool_calls")) {
        calls.add(new ToolCall(c.path("id").asText(""), c.path("function").path("name").asText(""),
            c.path("function").path("arguments").asText("")));
      }
      Message m = new Message(Role.ASSISTANT, message.path("content").asText(""), calls, Map.of());
      FirewallResult verdict = firewall.scan(m, context);
      out.verdict(verdict);
      if (verdict.decision() == Decision.BLOCK) {
        refuse(out, false, answer.path("model").asText(model), "answer", verdict, false);
        return;
      }
    }
    out.json(200, new String(response.body(), StandardCharsets.UTF_8));
  }

  private void streamed(HttpRequest request, Trace context, String model, Responder out) {
    HttpResponse<InputStream> response;
    try {
      response = send(request, HttpResponse.BodyHandlers.ofInputStream(), out);
    } catch (UpstreamFailure f) {
      out.json(f.status, OpenAiShapes.error(f.getMessage(), "upstream_error", null));
      return;
    }
    if (response == null) {
      return;
    }
    InputStream body = response.body();
    if (response.statusCode() != 200) {
      try (body) {
        out.json(response.statusCode(), upstreamError(response.statusCode(), body.readNBytes(MAX_ERROR_BODY)));
      } catch (IOException e) {
        out.json(response.statusCode(), OpenAiShapes.error("the upstream answered " + response.statusCode(), "upstream_error", null));
      }
      return;
    }
    AtomicBoolean cancelled = new AtomicBoolean();
    Runnable cancel = () -> {
      if (cancelled.compareAndSet(false, true)) {
        try {
          body.close(); // cancels the upstream request
        } catch (IOException ignored) {
          // closing is all we want
        }
      }
    };
    out.onClientGone(cancel);
    AnswerStream guard = firewall.stream(new Message(Role.ASSISTANT, ""), context);
    AtomicBoolean overtime = new AtomicBoolean();
    ScheduledFuture<?> deadline = timer.schedule(() -> {
      overtime.set(true);
      cancel.run();
    }, firewall.streamOptions().maxAnswerTime().toMillis(), TimeUnit.MILLISECONDS);
    out.startEvents();
    StreamState state = new StreamState(model);
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      SseLines events = new SseLines(reader, MAX_EVENT_CHARS);
      String data;
      // Checking cancelled stops at once when the client leaves or time runs out: events already buffered from the
      // upstream would otherwise each still be judged, for no one.
      while (!state.ended && !cancelled.get() && (data = events.next()) != null) {
        onEvent(data, guard, state, out, cancel);
      }
      if (cancelled.get() && !state.ended) {
        if (overtime.get() && !out.clientGone()) {
          out.event(OpenAiShapes.error(overtimeMessage(), "upstream_error", null));
        }
      } else if (!state.ended) {
        if (!state.done && !state.finished) {
          // The upstream stopped without finishing its answer: judge and show what came, then say so.
          finishAnswer(guard, state, out, null, cancel);
          if (!state.ended) {
            out.event(OpenAiShapes.error("the upstream ended the stream before the answer was complete",
                "upstream_error", null));
          }
        } else if (!state.finished) {
          finishAnswer(guard, state, out, null, cancel);
        }
      }
    } catch (IOException e) {
      if (!out.clientGone() && !state.ended) {
        String why = overtime.get() ? overtimeMessage() : "the upstream stream failed: " + firstLine(e.getMessage());
        out.event(OpenAiShapes.error(why, "upstream_error", null));
      }
    } finally {
      deadline.cancel(false);
      cancel.run();
      if (!out.clientGone()) {
        out.event("[DONE]");
        out.endEvents();
      }
    }
  }

  private String overtimeMessage() {
    return "the answer took longer than " + firewall.streamOptions().maxAnswerTime() + " (max-answer-time)";
  }

  /** What one streamed answer has seen so far. */
  private static final class StreamState {
    String id = "chatcmpl-bulwark";
    String model;
    long created = System.currentTimeMillis() / 1000;
    boolean done;
    boolean finished;
    boolean ended;

    StreamState(String model) {
      this.model = model;
    }
  }

  private void onEvent(String data, AnswerStream guard, StreamState state, Responder out, Runnable cancel) {
    if (data.equals("[DONE]")) {
      state.done = true;
      if (!state.finished) {
        finishAnswer(guard, state, out, null, cancel);
      }
      state.ended = true;
      return;
    }
    JsonNode chunk;
    try {
      chunk = OpenAiShapes.JSON.readTree(data);
    } catch (IOException e) {
      chunk = null;
    }
    if (chunk == null || !chunk.isObject()) {
      LOG.warn("Bulwark gateway: malformed event from the upstream: {}", dev.bulwark.core.Excerpt.of(data, 80));
      out.event(OpenAiShapes.error("the upstream sent a malformed event", "upstream_error", null));
      state.ended = true;
      cancel.run();
      return;
    }
    if (chunk.has("error")) {
      out.event(chunk.toString());
      state.ended = true;
      cancel.run();
      return;
    }
    state.id = chunk.path("id").asText(state.id);
    state.model = chunk.path("model").asText(state.model);
    state.created = chunk.path("created").asLong(state.created);
    JsonNode choice = chunk.path("choices").path(0);
    if (choice.isMissingNode()) {
      out.event(chunk.toString()); // e.g. a usage-only chunk
      return;
    }
    JsonNode delta = choice.path("delta");
    String text = delta.path("content").isTextual() ? delta.get("content").asText() : "";
    boolean finishing = choice.hasNonNull("finish_reason");
    boolean other = delta.has("role") || delta.has("tool_calls") || finishing;
    String released;
    if (finishing) {
      StreamStep step = guard.offer(text);
      if (step.blocked()) {
        out.verdict(step.verdict());
        stop(state, out, step.verdict(), cancel);
        return;
      }
      StreamStep end = guard.finish();
      out.verdict(end.verdict());
      state.finished = true;
      if (end.blocked()) {
        stop(state, out, end.verdict(), cancel);
        return;
      }
      released = step.released() + end.released();
    } else {
      StreamStep step = guard.offer(text);
      if (step.blocked()) {
        out.verdict(step.verdict());
        stop(state, out, step.verdict(), cancel);
        return;
      }
      released = step.released();
    }
    if (released.isEmpty() && !other) {
      return;
    }
    ObjectNode copy = (ObjectNode) chunk.deepCopy();
    ObjectNode d = (ObjectNode) ((ObjectNode) copy.withArray("choices").get(0)).with("delta");
    if (released.isEmpty()) {
      d.remove("content");
    } else {
      d.put("content", released);
    }
    out.event(copy.toString());
  }

  /** The answer ended without a finish reason: judge the rest and send it in a chunk of our own. */
  private void finishAnswer(AnswerStream guard, StreamState state, Responder out, String finishReason, Runnable cancel) {
    StreamStep end = guard.finish();
    out.verdict(end.verdict());
    state.finished = true;
    if (end.blocked()) {
      stop(state, out, end.verdict(), cancel);
      return;
    }
    if (!end.released().isEmpty()) {
      out.event(OpenAiShapes.chunk(state.id, state.model, state.created, end.released(), finishReason));
    }
  }

  private void stop(StreamState state, Responder out, FirewallResult verdict, Runnable cancel) {
    state.ended = true;
    state.finished = true;
    cancel.run();
    LOG.info("Bulwark gateway stopped a streamed answer: {}", verdict.reason());
    if (settings.onBlock() == GatewaySettings.OnBlock.REFUSAL) {
      out.event(OpenAiShapes.chunk(state.id, state.model, state.created, settings.refusal(), "content_filter"));
    } else {
      out.event(OpenAiShapes.blocked("answer", verdict));
    }
  }

  private void refuse(Responder out, boolean stream, String model, String what, FirewallResult verdict, boolean input) {
    LOG.info("Bulwark gateway refused the {}: {}", what, verdict.reason());
    if (settings.onBlock() == GatewaySettings.OnBlock.ERROR) {
      out.json(400, OpenAiShapes.blocked(what, verdict));
      return;
    }
    String id = "chatcmpl-bulwark-" + Long.toHexString(System.nanoTime());
    long created = System.currentTimeMillis() / 1000;
    if (!stream) {
      out.json(200, OpenAiShapes.completion(id, model, created, settings.refusal(), "content_filter"));
      return;
    }
    out.startEvents();
    out.event(OpenAiShapes.chunk(id, model, created, settings.refusal(), "content_filter"));
    out.event("[DONE]");
    out.endEvents();
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, Responder out) {
    CompletableFuture<HttpResponse<T>> future = http.sendAsync(request, handler);
    out.onClientGone(() -> future.cancel(true));
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      return null;
    } catch (java.util.concurrent.CancellationException e) {
      return null; // the client left
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw new UpstreamFailure(504, "the upstream did not answer within " + settings.upstreamTimeout());
      }
      if (cause instanceof ConnectException) {
        throw new UpstreamFailure(502, "cannot connect to the upstream " + settings.upstream());
      }
      throw new UpstreamFailure(502, "the upstream request failed: " + firstLine(String.valueOf(cause)));
    }
  }

  /** The upstream's own OpenAI error when it sent one; else one naming its status. */
  private static String upstreamError(int status, byte[] body) {
    try {
      JsonNode node = OpenAiShapes.JSON.readTree(body);
      if (node != null && node.has("error")) {
        return node.toString();
      }
    } catch (IOException ignored) {
      // not JSON: described below
    }
    return OpenAiShapes.error("the upstream answered HTTP " + status, "upstream_error", null);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The upstream could not be reached or did not answer: the status to give the client. */
  private static final class UpstreamFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    UpstreamFailure(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
