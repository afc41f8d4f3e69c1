package dev.bulwark.llm;

import dev.bulwark.llm.openai.ImageInliner;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.Excerpt;
import dev.bulwark.llm.ChatMessage;
import dev.bulwark.llm.ContentPart;
import dev.bulwark.llm.LlmBackend;
import dev.bulwark.llm.LlmException;
import dev.bulwark.llm.LlmRequest;
import dev.bulwark.llm.LlmResponse;
import dev.bulwark.llm.TokenLogprob;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp's server, Together, Llama API, {@code bulwark serve-llm}) on
 * the JDK's {@link HttpClient}.
 *
 * <ul>
 *   <li>Chat requests go to {@code POST {base-url}/chat/completions}; raw prompts to {@code POST {base-url}/completions}
 *       when the configuration says the server takes them ({@code raw-prompts: true}).
 *   <li>The request's timeout bounds the whole call, retries included: waiting on a slow server is abandoned at the
 *       deadline, and a server that drips its answer cannot hold the caller longer.
 *   <li>429 and 5xx answers and refused connections are retried with exponential backoff and jitter, honouring
 *       {@code Retry-After}, while the deadline leaves time; other errors are not.
 *   <li>Errors name the endpoint and say what happened: refused, timed out, HTTP status with the server's message,
 *       or an answer that is not the expected JSON (with its content type and a short excerpt).
 * </ul>
 */
public final class OpenAiBackend implements LlmBackend {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Answers larger than this are refused rather than buffered. */
  static final int MAX_RESPONSE_BYTES = 16 << 20;

  /** Connection and retry settings; see docs/LLAMA-GUARD.md for the YAML keys. */
  public record Settings(
      String name, URI baseUrl, String model, String apiKey, Duration connectTimeout, int maxRetries,
      Duration backoff, boolean rawPrompts, boolean images, boolean inlineImages) {
    public Settings {
      String s = baseUrl.toString();
      if (s.endsWith("/")) {
        baseUrl = URI.create(s.substring(0, s.length() - 1));
      }
    }

    public static Settings of(String name, String baseUrl, String model) {
      return new Settings(name, URI.create(baseUrl), model, null, Duration.ofSeconds(5), 2, Duration.ofMillis(250),
          false, false, false);
    }

    public Settings withRetries(int retries, Duration base) {
      return new Settings(name, baseUrl, model, apiKey, connectTimeout, retries, base, rawPrompts, images, inlineImages);
    }

    public Settings withRawPrompts(boolean raw) {
      return new Settings(name, baseUrl, model, apiKey, connectTimeout, maxRetries, backoff, raw, images, inlineImages);
    }

    public Settings withImages(boolean accept, boolean inline) {
      return new Settings(name, baseUrl, model, apiKey, connectTimeout, maxRetries, backoff, rawPrompts, accept, inline);
    }

    public Settings withApiKey(String key) {
      return new Settings(name, baseUrl, model, key, connectTimeout, maxRetries, backoff, rawPrompts, images, inlineImages);
    }
  }

  private final Settings settings;
  private final HttpClient http;
  private final ImageInliner images;

  public OpenAiBackend(Settings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
    this.images = new ImageInliner(http);
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public String describe() {
    return "OpenAI-compatible endpoint " + settings.baseUrl() + " (model " + settings.model() + ")";
  }

  @Override
  public boolean acceptsRawPrompts() {
    return settings.rawPrompts();
  }

  @Override
  public boolean acceptsImages() {
    return settings.images();
  }

  @Override
  public LlmResponse complete(LlmRequest request) {
    long start = System.nanoTime();
    long deadline = start + request.timeout().toNanos();
    if (request.isRaw() && !settings.rawPrompts()) {
      throw new LlmException(LlmException.Kind.INVALID_REQUEST, "backend '" + name() + "' takes chat messages only;"
          + " set raw-prompts: true if " + settings.baseUrl() + " serves /completions");
    }
    if (request.hasImages() && !settings.images()) {
      throw new LlmException(LlmException.Kind.INVALID_REQUEST, "backend '" + name() + "' is not configured for images"
          + " (set images: true for a vision model)");
    }
    String path = request.isRaw() ? "/completions" : "/chat/completions";
    byte[] body = body(request, deadline);
    JsonNode answer = post(path, body, deadline);
    LlmResponse r = request.isRaw() ? parseCompletion(answer) : parseChat(answer);
    return r.withElapsed(Duration.ofNanos(System.nanoTime() - start));
  }

  private byte[] body(LlmRequest request, long deadline) {
    ObjectNode b = JSON.createObjectNode();
    b.put("model", settings.model());
    if (request.isRaw()) {
      b.put("prompt", request.prompt());
      if (request.wantsLogprobs()) {
        b.put("logprobs", Math.max(1, Math.min(5, request.topLogprobs())));
      }
    } else {
      ArrayNode messages = b.putArray("messages");
      for (ChatMessage m : request.messages()) {
        messages.add(message(m, deadline));
      }
      if (request.wantsLogprobs()) {
        b.put("logprobs", true);
        if (request.topLogprobs() > 0) {
          b.put("top_logprobs", Math.min(20, request.topLogprobs()));
        }
      }
      if (request.jsonObject()) {
        b.putObject("response_format").put("type", "json_object");
      }
    }
    b.put("max_tokens", request.maxTokens());
    b.put("temperature", request.temperature());
    if (!request.stop().isEmpty()) {
      ArrayNode stop = b.putArray("stop");
      request.stop().forEach(stop::add);
    }
    for (Map.Entry<String, Object> e : request.extraBody().entrySet()) {
      b.set(e.getKey(), JSON.valueToTree(e.getValue()));
    }
    try {
      return JSON.writeValueAsBytes(b);
    } catch (JsonProcessingException e) {
      throw new LlmException(LlmException.Kind.INVALID_REQUEST, "cannot encode the request: " + e.getMessage(), e);
    }
  }

  private ObjectNode message(ChatMessage m, long deadline) {
    ObjectNode node = JSON.createObjectNode();
    node.put("role", m.role());
    if (!m.hasImages()) {
      node.put("content", m.text());
      return node;
    }
    ArrayNode parts = node.putArray("content");
    for (ContentPart p : m.content()) {
      if (p instanceof ContentPart.Text t) {
        parts.addObject().put("type", "text").put("text", t.text());
      } else if (p instanceof ContentPart.ImageUrl img) {
        String url = settings.inlineImages() ? images.inline(img.url(), deadline) : img.url();
        parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
      }
    }
    return node;
  }

  private JsonNode post(String path, byte[] body, long deadline) {
    URI uri = URI.create(settings.baseUrl() + path);
    LlmException last = null;
    for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
          .timeout(Duration.ofNanos(remaining))
          .header("Content-Type", "application/json")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (settings.apiKey() != null && !settings.apiKey().isEmpty()) {
        rb.header("Authorization", "Bearer " + settings.apiKey());
      }
      Duration retryAfter = null;
      try {
        HttpResponse<byte[]> response = send(rb.build(), deadline);
        int status = response.statusCode();
        if (status / 100 == 2) {
          return parseJson(uri, response);
        }
        last = statusError(uri, response);
        if (!last.isTransient()) {
          throw last;
        }
        retryAfter = retryAfter(response);
      } catch (LlmException e) {
        if (!e.isTransient() || e.kind() == LlmException.Kind.TIMEOUT) {
          throw e;
        }
        last = e;
      }
      if (attempt == settings.maxRetries()) {
        break;
      }
      long pause = retryAfter != null ? retryAfter.toNanos() : backoff(attempt);
      if (System.nanoTime() + pause >= deadline) {
        break;
      }
      sleep(pause);
    }
    if (last == null) {
      throw timeout(uri, deadline);
    }
    throw new LlmException(last.kind(), last.getMessage() + " (after " + (settings.maxRetries() + 1) + " attempts at most)",
        last.status(), last.getCause());
  }

  private HttpResponse<byte[]> send(HttpRequest request, long deadline) {
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(request, info -> new LimitedBodySubscriber(MAX_RESPONSE_BYTES));
    try {
      return future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw timeout(request.uri(), deadline);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new LlmException(LlmException.Kind.CANCELLED, "call to " + request.uri() + " was interrupted");
    } catch (ExecutionException e) {
      throw ioError(request.uri(), e.getCause(), deadline);
    }
  }

  private LlmException ioError(URI uri, Throwable cause, long deadline) {
    if (cause instanceof HttpConnectTimeoutException) {
      return new LlmException(LlmException.Kind.UNAVAILABLE, "cannot connect to " + uri + ": connect timed out after "
          + settings.connectTimeout().toMillis() + " ms", cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return timeout(uri, deadline);
    }
    if (cause instanceof ConnectException) {
      return new LlmException(LlmException.Kind.UNAVAILABLE, "cannot connect to " + uri + ": connection refused (is the"
          + " server running?)", cause);
    }
    if (causedBy(cause, LimitedBodySubscriber.TooLarge.class)) {
      return new LlmException(LlmException.Kind.BAD_RESPONSE, uri + " answered with more than " + (MAX_RESPONSE_BYTES >> 20)
          + " MB; refused", cause);
    }
    String what = cause == null ? "unknown error" : cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    return new LlmException(LlmException.Kind.UNAVAILABLE, "request to " + uri + " failed: " + what, cause);
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private LlmException timeout(URI uri, long deadline) {
    return new LlmException(LlmException.Kind.TIMEOUT, uri + " gave no complete answer before the deadline");
  }

  private static JsonNode parseJson(URI uri, HttpResponse<byte[]> response) {
    String text = new String(response.body(), StandardCharsets.UTF_8);
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isObject()) {
        throw new LlmException(LlmException.Kind.BAD_RESPONSE, uri + " answered " + response.statusCode()
            + " with JSON that is not an object: " + Excerpt.of(text, 80));
      }
      return node;
    } catch (JsonProcessingException e) {
      String type = response.headers().firstValue("Content-Type").orElse("no content type");
      throw new LlmException(LlmException.Kind.BAD_RESPONSE, uri + " answered " + response.statusCode() + " with "
          + (text.isBlank() ? "an empty body" : "non-JSON (" + type + "): " + Excerpt.of(text, 80)), e);
    }
  }

  private static LlmException statusError(URI uri, HttpResponse<byte[]> response) {
    String text = new String(response.body(), StandardCharsets.UTF_8);
    String detail = text;
    try {
      JsonNode n = JSON.readTree(text);
      JsonNode msg = n == null ? null : n.path("error").isObject() ? n.path("error").path("message") : n.path("error");
      if (msg != null && msg.isTextual()) {
        detail = msg.asText();
      } else if (n != null && n.path("message").isTextual()) {
        detail = n.path("message").asText();
      }
    } catch (JsonProcessingException ignored) {
      // not JSON: the excerpt of the raw text says enough
    }
    return new LlmException(LlmException.Kind.HTTP_STATUS, uri + " answered HTTP " + response.statusCode()
        + (detail.isBlank() ? "" : ": " + Excerpt.of(detail, 160)), response.statusCode(), null);
  }

  /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(HttpResponse<?> response) {
    String v = response.headers().firstValue("Retry-After").orElse(null);
    if (v == null) {
      return null;
    }
    try {
      return Duration.ofMillis((long) (Double.parseDouble(v.trim()) * 1000));
    } catch (NumberFormatException e) {
      try {
        Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private long backoff(int attempt) {
    long base = settings.backoff().toNanos() << Math.min(attempt, 6);
    return base + ThreadLocalRandom.current().nextLong(Math.max(1, base / 2));
  }

  private static void sleep(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmException(LlmException.Kind.CANCELLED, "interrupted while waiting to retry");
    }
  }

  private LlmResponse parseChat(JsonNode a) {
    JsonNode choice = firstChoice(a);
    JsonNode message = choice.path("message");
    JsonNode content = message.path("content");
    String text;
    if (content.isTextual()) {
      text = content.asText();
    } else if (content.isArray()) {
      StringBuilder sb = new StringBuilder();
      content.forEach(p -> sb.append(p.path("text").asText("")));
      text = sb.toString();
    } else if (message.path("refusal").isTextual()) {
      throw new LlmException(LlmException.Kind.BAD_RESPONSE, "backend '" + name() + "' refused: "
          + Excerpt.of(message.path("refusal").asText(), 120));
    } else {
      throw new LlmException(LlmException.Kind.BAD_RESPONSE, "backend '" + name() + "' answered without message content");
    }
    List<TokenLogprob> logprobs = new ArrayList<>();
    JsonNode lp = choice.path("logprobs").path("content");
    if (lp.isArray()) {
      for (JsonNode t : lp) {
        List<TokenLogprob.Alternative> top = new ArrayList<>();
        for (JsonNode alt : t.path("top_logprobs")) {
          top.add(new TokenLogprob.Alternative(alt.path("token").asText(""), alt.path("logprob").asDouble(Double.NEGATIVE_INFINITY)));
        }
        logprobs.add(new TokenLogprob(t.path("token").asText(""), t.path("logprob").asDouble(Double.NEGATIVE_INFINITY), top));
      }
    }
    return new LlmResponse(text, logprobs, choice.path("finish_reason").asText("stop"), a.path("model").asText(settings.model()),
        a.path("usage").path("prompt_tokens").asInt(-1), a.path("usage").path("completion_tokens").asInt(-1), null);
  }

  private LlmResponse parseCompletion(JsonNode a) {
    JsonNode choice = firstChoice(a);
    if (!choice.path("text").isTextual()) {
      throw new LlmException(LlmException.Kind.BAD_RESPONSE, "backend '" + name() + "' answered a completion without text");
    }
    List<TokenLogprob> logprobs = new ArrayList<>();
    JsonNode lp = choice.path("logprobs");
    JsonNode tokens = lp.path("tokens");
    if (tokens.isArray()) {
      for (int i = 0; i < tokens.size(); i++) {
        List<TokenLogprob.Alternative> top = new ArrayList<>();
        JsonNode alts = lp.path("top_logprobs").path(i);
        for (Iterator<Map.Entry<String, JsonNode>> it = alts.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          top.add(new TokenLogprob.Alternative(e.getKey(), e.getValue().asDouble()));
        }
        logprobs.add(new TokenLogprob(tokens.get(i).asText(), lp.path("token_logprobs").path(i).asDouble(Double.NEGATIVE_INFINITY), top));
      }
    }
    return new LlmResponse(choice.path("text").asText(), logprobs, choice.path("finish_reason").asText("stop"),
        a.path("model").asText(settings.model()), a.path("usage").path("prompt_tokens").asInt(-1),
        a.path("usage").path("completion_tokens").asInt(-1), null);
  }

  private JsonNode firstChoice(JsonNode a) {
    if (a.has("error")) {
      throw new LlmException(LlmException.Kind.BAD_RESPONSE, "backend '" + name() + "' answered an error: "
          + Excerpt.of(a.path("error").toString(), 160));
    }
    JsonNode choices = a.path("choices");
    if (!choices.isArray() || choices.isEmpty() || !choices.get(0).isObject()) {
      throw new LlmException(LlmException.Kind.BAD_RESPONSE, "backend '" + name() + "' answered JSON without choices: "
          + Excerpt.of(a.toString(), 120));
    }
    return choices.get(0);
  }

  /** Collects a body up to a size limit, failing early past it. */
  public static final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
    static final class TooLarge extends IOException {
      private static final long serialVersionUID = 1L;

      TooLarge() {
        super("response body too large");
      }
    }

    private final int limit;
    private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private java.util.concurrent.Flow.Subscription subscription;

    public LimitedBodySubscriber(int limit) {
      this.limit = limit;
    }

    @Override
    public java.util.concurrent.CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<java.nio.ByteBuffer> items) {
      for (java.nio.ByteBuffer b : items) {
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        buffer.write(chunk, 0, chunk.length);
      }
      if (buffer.size() > limit) {
        subscription.cancel();
        result.completeExceptionally(new TooLarge());
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(buffer.toByteArray());
    }
  }
}
