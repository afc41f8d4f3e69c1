package dev.bulwark.server;

/**
 * An answer sent in pieces as they are ready (server-sent events, for one), from {@link HttpExchange#startStream}.
 * Thread-safe: pieces may come from any thread and go out in the order written.
 */
public interface ResponseStream {
  /** Sends these bytes now (a chunk of the chunked HTTP/1.1 body). Ignored once the client is gone. */
  void write(byte[] bytes);

  /** Ends the answer; the connection then serves the client's next request, or closes. Idempotent. */
  void end();
}
