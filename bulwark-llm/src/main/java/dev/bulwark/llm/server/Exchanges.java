package dev.bulwark.llm.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reading JSON requests and writing JSON answers and OpenAI-shaped errors on the JDK HTTP server. */
final class Exchanges {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Request bodies larger than this get 413. */
  static final int MAX_BODY_BYTES = 8 << 20;

  private Exchanges() {}

  /** A request problem the client must fix: becomes an OpenAI error object with the status. */
  static final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String type;

    HttpError(int status, String type, String message) {
      super(message);
      this.status = status;
      this.type = type;
    }

    static HttpError invalid(String message) {
      return new HttpError(400, "invalid_request_error", message);
    }
  }

  /** The body as a JSON object; 413 when too large, 400 when not UTF-8 or not a JSON object. */
  static ObjectNode readJsonObject(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new HttpError(413, "invalid_request_error", "request body is larger than " + (MAX_BODY_BYTES >> 20) + " MB");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw HttpError.invalid("request body is not valid UTF-8");
    }
    if (text.isBlank()) {
      throw HttpError.invalid("request body is empty; expected a JSON object");
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw HttpError.invalid("request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode o)) {
      throw HttpError.invalid("request body must be a JSON object");
    }
    return o;
  }

  static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static void sendError(HttpExchange exchange, int status, String type, String message) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.putNull("param");
    error.putNull("code");
    sendJson(exchange, status, body);
  }
}
