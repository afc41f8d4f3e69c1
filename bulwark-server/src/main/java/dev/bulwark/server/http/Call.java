package dev.bulwark.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.bulwark.core.json.MessageJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One request being served: its body (read once, within the size limit), its deadline, and the one answer it gets.
 * An {@link IOException} from any method means the client went away; the dispatcher then drops the exchange.
 */
public final class Call {
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MessageJson.MAX_NESTING).build())
      // Two "messages" keys in one object are a client bug or a smuggling attempt, never intent.
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build())
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final HttpExchange exchange;
  private final long maxBodyBytes;
  private final long deadlineNanos;
  private int status;
  private boolean closeConnection;

  Call(HttpExchange exchange, long maxBodyBytes, long deadlineNanos) {
    this.exchange = exchange;
    this.maxBodyBytes = maxBodyBytes;
    this.deadlineNanos = deadlineNanos;
  }

  public HttpExchange exchange() {
    return exchange;
  }

  /** Nanoseconds left before the request's deadline (negative once past it). */
  public long remainingNanos() {
    return deadlineNanos - System.nanoTime();
  }

  /** The status sent, or 0 before the answer. */
  public int status() {
    return status;
  }

  /**
   * The request body, at most the configured number of bytes.
   *
   * @throws ApiException 413 when the declared or actual length is over the limit
   * @throws IOException when the client disconnects or stops sending (read timeout)
   */
  public byte[] body() throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        length = -1;
      }
      if (length > maxBodyBytes) {
        closeConnection = true;
        throw tooLarge();
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared != null ? (int) Math.min(maxBodyBytes, 65_536) : 4096);
    byte[] buf = new byte[16_384];
    try (InputStream in = exchange.getRequestBody()) {
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxBodyBytes) {
          closeConnection = true;
          throw tooLarge();
        }
        out.write(buf, 0, n);
      }
    }
    if (!RequestExecutor.requestRead()) {
      throw new IOException("the client took longer than the read timeout to send its request");
    }
    return out.toByteArray();
  }

  private ApiException tooLarge() {
    return new ApiException(ErrorType.PAYLOAD_TOO_LARGE, "request body is over the limit of " + maxBodyBytes
        + " bytes (serve --max-body-bytes)");
  }

  /**
   * The body as a JSON object.
   *
   * @throws ApiException 400 for a body that is empty, not UTF-8 or not JSON; 422 for JSON that is not an object
   */
  public JsonNode jsonObject() throws IOException {
    byte[] body = body();
    if (body.length == 0) {
      throw new ApiException(ErrorType.INVALID_JSON, "request body is empty; expected a JSON object");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      String what = e.getOriginalMessage();
      if (what != null && what.length() > 200) {
        what = what.substring(0, 200) + "...";
      }
      throw new ApiException(ErrorType.INVALID_JSON, "request body is not valid JSON: " + what
          + (e.getLocation() != null ? " (at line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")" : ""));
    }
    if (root == null || root.isMissingNode()) {
      throw new ApiException(ErrorType.INVALID_JSON, "request body is empty; expected a JSON object");
    }
    if (!root.isObject()) {
      throw new ApiException(ErrorType.INVALID_REQUEST, "request body must be a JSON object, found "
          + root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    return root;
  }

  public void respondJson(int code, String json) throws IOException {
    respond(code, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  public void respond(int code, String contentType, byte[] body) throws IOException {
    if (status != 0) {
      throw new IllegalStateException("already answered with " + status);
    }
    status = code;
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", contentType.startsWith("application/json") || contentType.startsWith("text/")
        ? contentType + (contentType.contains("charset") ? "" : "; charset=utf-8") : contentType);
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    if (closeConnection) {
      headers.set("Connection", "close");
    }
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(code, body.length == 0 || head ? -1 : body.length);
    if (body.length > 0 && !head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Asks the server to close the connection after the answer (used when the body was not read). */
  public void closeConnection() {
    closeConnection = true;
  }

  public void header(String name, String value) {
    exchange.getResponseHeaders().set(name, value);
  }
}
