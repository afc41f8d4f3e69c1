package dev.bulwark.server.http;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * One request, read whole by the transport before any request thread sees it.
 *
 * @param path the decoded path, without the query
 * @param body at most the configured body limit
 * @param keepAlive whether the client wants the connection kept open after the answer
 * @param channel how to answer it in pieces, if its route wants to
 */
public record Request(String method, String path, HttpHeaders headers, byte[] body, boolean keepAlive,
    ResponseChannel channel) {
  public String header(String name) {
    return headers.get(name);
  }

  public boolean head() {
    return "HEAD".equals(method);
  }
}
