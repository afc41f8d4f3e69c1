package dev.bulwark.server.transport;

import dev.bulwark.server.http.Answer;
import dev.bulwark.server.http.ErrorJson;
import dev.bulwark.server.http.ErrorType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;

/** Answers as HTTP/1.1 messages: through the codec for requests it read, as raw bytes for connections it cuts off. */
final class Responses {
  private static volatile CachedDate date = new CachedDate(0, "");

  private Responses() {}

  /**
   * @param head a HEAD request: the headers of the GET answer (its {@code Content-Length} included), no body
   * @param http10KeepAlive an HTTP/1.0 client that asked for keep-alive must be told it got it
   */
  static FullHttpResponse encode(Answer answer, boolean head, boolean http10KeepAlive) {
    byte[] body = answer.body() == null ? new byte[0] : answer.body();
    ByteBuf content = head || body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(answer.status()), content);
    HttpHeaders headers = response.headers();
    for (Map.Entry<String, String> h : answer.headers().entrySet()) {
      headers.set(h.getKey(), h.getValue());
    }
    // Names in their usual spelling (Netty's constants are lower case), for people reading raw answers.
    headers.set("Content-Length", body.length);
    headers.set("Date", now());
    if (answer.close()) {
      headers.set("Connection", HttpHeaderValues.CLOSE);
    } else if (http10KeepAlive) {
      headers.set("Connection", HttpHeaderValues.KEEP_ALIVE);
    }
    return response;
  }

  /** An error answer for a request that cannot be read whole (an HTTP/2 stream over its request time). */
  static FullHttpResponse error(ErrorType type, String message) {
    byte[] json = ErrorJson.of(type, message).getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(type.status()), Unpooled.wrappedBuffer(json));
    response.headers()
        .set("Content-Type", "application/json; charset=utf-8")
        .set("Cache-Control", "no-store")
        .set("Date", now())
        .set("Content-Length", json.length);
    return response;
  }

  /** A complete error answer with {@code Connection: close}, as bytes, for a connection without a request to answer. */
  static ByteBuf raw(ErrorType type, String message, int retryAfterSeconds) {
    byte[] json = ErrorJson.of(type, message).getBytes(StandardCharsets.UTF_8);
    HttpResponseStatus status = HttpResponseStatus.valueOf(type.status());
    String head = "HTTP/1.1 " + status.code() + " " + status.reasonPhrase() + "\r\n"
        + "Content-Type: application/json; charset=utf-8\r\n"
        + "Cache-Control: no-store\r\n"
        + (retryAfterSeconds > 0 ? "Retry-After: " + retryAfterSeconds + "\r\n" : "")
        + "Date: " + now() + "\r\n"
        + "Content-Length: " + json.length + "\r\n"
        + "Connection: close\r\n\r\n";
    return Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), json);
  }

  /** The {@code Date} header, formatted at most once a second. */
  static String now() {
    long second = System.currentTimeMillis() / 1000;
    CachedDate d = date;
    if (d.second != second) {
      d = new CachedDate(second, DateFormatter.format(new Date(second * 1000)));
      date = d;
    }
    return d.text;
  }

  private record CachedDate(long second, String text) {}
}
