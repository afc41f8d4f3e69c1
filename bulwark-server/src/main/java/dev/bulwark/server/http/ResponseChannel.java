package dev.bulwark.server.http;

import dev.bulwark.server.ResponseStream;
import java.util.Map;

/** The transport's side of answers sent in pieces, and of noticing that a client left. */
public interface ResponseChannel {
  /** For requests that cannot stream (refusals before a route runs). */
  ResponseChannel NONE = new ResponseChannel() {
    @Override
    public ResponseStream open(int status, Map<String, String> headers, boolean close) {
      throw new IllegalStateException("this request cannot be answered in pieces");
    }

    @Override
    public boolean clientGone() {
      return false;
    }

    @Override
    public void onClientGone(Runnable action) {
      // never streams, so never watched
    }

    @Override
    public void abort() {
      // nothing open
    }
  };

  /** Writes the status line and headers of a chunked answer. */
  ResponseStream open(int status, Map<String, String> headers, boolean close);

  boolean clientGone();

  void onClientGone(Runnable action);

  /** Closes the connection: a stream was opened and never ended. */
  void abort();
}
