package dev.bulwark.llm.openai;

import dev.bulwark.llm.OpenAiBackend;
import dev.bulwark.llm.LlmException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches http(s) images and turns them into {@code data:} URLs, for servers that cannot fetch URLs themselves
 * ({@code inline-images: true}). An image that cannot be fetched fails the call with a message naming the URL and the
 * reason, within the call's deadline. Off by default: fetching URLs found in user content is a server-side request
 * the operator must choose.
 */
public final class ImageInliner {
  static final int MAX_IMAGE_BYTES = 20 << 20;
  private static final Duration MAX_FETCH = Duration.ofSeconds(10);

  private final HttpClient http;

  public ImageInliner(HttpClient http) {
    this.http = http;
  }

  public String inline(String url, long deadlineNanos) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("data:")) {
      return url;
    }
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      throw new LlmException(LlmException.Kind.INVALID_REQUEST, "image URL " + shortUrl(url)
          + " is neither http(s) nor a data: URL");
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new LlmException(LlmException.Kind.INVALID_REQUEST, "image URL " + shortUrl(url) + " is malformed: " + e.getMessage());
    }
    long budget = Math.min(MAX_FETCH.toNanos(), deadlineNanos - System.nanoTime());
    if (budget <= 0) {
      throw new LlmException(LlmException.Kind.TIMEOUT, "no time left to fetch image " + shortUrl(url));
    }
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(budget)).GET().build();
    CompletableFuture<HttpResponse<byte[]>> f =
        http.sendAsync(request, info -> new OpenAiBackend.LimitedBodySubscriber(MAX_IMAGE_BYTES));
    HttpResponse<byte[]> response;
    try {
      response = f.get(budget, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new LlmException(LlmException.Kind.TIMEOUT, "image " + shortUrl(url) + " could not be fetched in time");
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new LlmException(LlmException.Kind.CANCELLED, "interrupted while fetching image " + shortUrl(url));
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw new LlmException(LlmException.Kind.INVALID_REQUEST, "image " + shortUrl(url) + " could not be fetched: "
          + (c == null ? "unknown error" : c.getClass().getSimpleName() + (c.getMessage() == null ? "" : " " + c.getMessage())), c);
    }
    if (response.statusCode() != 200) {
      throw new LlmException(LlmException.Kind.INVALID_REQUEST, "image " + shortUrl(url) + " could not be fetched: HTTP "
          + response.statusCode());
    }
    String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
    if (!type.startsWith("image/")) {
      throw new LlmException(LlmException.Kind.INVALID_REQUEST, "image " + shortUrl(url) + " is not an image (Content-Type "
          + (type.isEmpty() ? "missing" : type) + ")");
    }
    return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(response.body());
  }

  private static String shortUrl(String url) {
    return url.length() > 100 ? url.substring(0, 100) + "…" : url;
  }
}
