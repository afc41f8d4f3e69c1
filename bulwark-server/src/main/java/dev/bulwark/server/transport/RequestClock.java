package dev.bulwark.server.transport;

import io.netty.channel.ChannelFuture;

/**
 * What the {@link RequestReader} tells about where it is in a request, to whatever enforces the time limits around
 * it: the {@link ConnectionGuard} of an HTTP/1.1 connection, or the {@link StreamClock} of one HTTP/2 stream.
 */
interface RequestClock {
  /** When the current request began (its first byte, or the opening of its connection or stream). */
  long requestStart();

  /** The request's headers are in; its body (of {@code declaredLength} bytes, or -1 when unknown) comes next. */
  void headersRead(long declaredLength);

  /** {@code n} bytes of body arrived. */
  void bodyRead(int n);

  /** The request has been read whole and handed on: no read limits apply until it is answered. */
  void requestRead();

  /** The request was answered and the connection stays open for the next one. */
  void answered();

  /**
   * The request was refused early (the answer is {@code earlyAnswer}, already on its way) with {@code left} bytes of
   * its body still to come (-1: unknown): let the client read the answer without sending the rest.
   */
  void linger(long left, ChannelFuture earlyAnswer);

  /** Body bytes the reader dropped after an early answer. */
  void dropped(int n);
}
