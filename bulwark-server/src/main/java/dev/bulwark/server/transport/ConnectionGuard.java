package dev.bulwark.server.transport;

import dev.bulwark.server.ConnectionLimits;
import dev.bulwark.server.http.ErrorType;
import dev.bulwark.server.metrics.ServerMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection's clock: the header, body, idle and request-time limits of {@link ConnectionLimits}, and the
 * lingering close after an early answer. It sits in front of the HTTP decoder (behind TLS), so it sees every byte the
 * client sends; the {@link RequestReader} behind the decoder tells it where in a request the connection is. Everything
 * runs on the connection's event loop, so nothing here is shared between threads.
 *
 * <p>A connection is in one phase at a time: waiting for headers (a new connection starts here), reading a body,
 * being worked on (no read limits: the request deadline answers 504 instead), idle between keep-alive requests, or
 * lingering (dropping the rest of a refused body so the client can read the refusal). One timer per connection,
 * moved only when it would fire too late, keeps the cost per request at a field write or two.
 *
 * <p>Once a connection has switched to HTTP/2 ({@link #http2()}) its requests are streams, each with its own
 * {@link StreamClock}; the guard then keeps only the connection's clock: the header timeout until the client's
 * preface and SETTINGS are in, and the idle timeout whenever no stream is open.
 */
final class ConnectionGuard extends ChannelDuplexHandler implements RequestClock {
  private enum Phase { HEADERS, BODY, WORKING, IDLE, LINGERING }

  private final ConnectionLimits limits;
  private final ServerMetrics metrics;
  private final long headerNanos;
  private final long bodyWindowNanos;
  private final long idleNanos;
  private final long requestNanos;
  private final long minBodyBytesPerWindow;

  private ChannelHandlerContext ctx;
  private Phase phase = Phase.HEADERS;
  private long requestStart;
  private boolean bytesSeen;
  private boolean bytesWhileWorking;
  private long windowStart;
  private long windowBytes;
  private long bodyLeft;
  private long lingerLeft;
  private long lingered;
  private ChannelFuture answer;
  private long deadline;
  private ScheduledFuture<?> timer;
  private long timerAt;
  private boolean http2;
  private boolean http2Ready;
  private int openStreams;

  ConnectionGuard(ConnectionLimits limits, ServerMetrics metrics) {
    this.limits = limits;
    this.metrics = metrics;
    this.headerNanos = limits.headerTimeout().toNanos();
    this.bodyWindowNanos = limits.bodyTimeout().toNanos();
    this.idleNanos = limits.idleTimeout().toNanos();
    this.requestNanos = limits.maxRequestTime().toNanos();
    this.minBodyBytesPerWindow = Math.max(1, (long) (limits.minBodyRate() * (bodyWindowNanos / 1e9)));
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.ctx = context;
  }

  @Override
  public void channelActive(ChannelHandlerContext context) throws Exception {
    requestStart = System.nanoTime();
    arm(Math.min(requestStart + headerNanos, requestStart + requestNanos));
    super.channelActive(context);
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) throws Exception {
    cancelTimer();
    super.channelInactive(context);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext context) {
    cancelTimer();
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    if (http2 || !(msg instanceof ByteBuf bytes)) {
      // Over HTTP/2 bytes are not activity: a connection is idle while no stream is open, pings or not.
      context.fireChannelRead(msg);
      return;
    }
    switch (phase) {
      case LINGERING -> {
        int n = bytes.readableBytes();
        bytes.release();
        dropped(n);
        return;
      }
      case IDLE -> {
        phase = Phase.HEADERS;
        requestStart = System.nanoTime();
        bytesSeen = true;
        arm(Math.min(requestStart + headerNanos, requestStart + requestNanos));
      }
      case HEADERS -> bytesSeen = true;
      case WORKING -> bytesWhileWorking = true;
      case BODY -> { }
    }
    context.fireChannelRead(msg);
  }

  /** When the current request's first byte came (for the first request: when the connection was accepted). */
  @Override
  public long requestStart() {
    return requestStart;
  }

  /** The request's headers are in; its body (of {@code declaredLength} bytes, or -1 when unknown) comes next. */
  @Override
  public void headersRead(long declaredLength) {
    phase = Phase.BODY;
    bodyLeft = declaredLength;
    windowStart = System.nanoTime();
    windowBytes = 0;
    arm(Math.min(windowStart + bodyWindowNanos, requestStart + requestNanos));
  }

  /** {@code n} bytes of body arrived. */
  @Override
  public void bodyRead(int n) {
    windowBytes += n;
    if (bodyLeft > 0) {
      bodyLeft = Math.max(0, bodyLeft - n);
    }
  }

  /** The request has been read whole and handed on: no read limits apply until it is answered. */
  @Override
  public void requestRead() {
    phase = Phase.WORKING;
    bytesWhileWorking = false;
    deadline = 0;
  }

  /** The request was answered and the connection stays open for the next one. */
  @Override
  public void answered() {
    long now = System.nanoTime();
    if (bytesWhileWorking) {
      // The next request (pipelined) has begun arriving: its header clock runs from now.
      phase = Phase.HEADERS;
      requestStart = now;
      bytesSeen = true;
      arm(Math.min(now + headerNanos, now + requestNanos));
    } else {
      phase = Phase.IDLE;
      arm(now + idleNanos);
    }
  }

  /**
   * The request was refused early (the answer is {@code answer}, already on its way): drop what the client still
   * sends, up to {@code bodyLeft} bytes when known, at most {@link ConnectionLimits#LINGER_BYTES} or
   * {@link ConnectionLimits#LINGER_TIME}, then close. A client that sends its whole body before reading (no
   * {@code Expect: 100-continue}) thus reads the answer instead of a connection reset.
   */
  @Override
  public void linger(long left, ChannelFuture earlyAnswer) {
    phase = Phase.LINGERING;
    lingerLeft = left;
    answer = earlyAnswer;
    answer.addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess() || lingerLeft == 0) {
        f.channel().close();
      }
    });
    arm(System.nanoTime() + ConnectionLimits.LINGER_TIME.toNanos());
  }

  /** Body bytes the reader dropped while lingering (decoded before the guard switched to dropping raw bytes). */
  @Override
  public void dropped(int n) {
    lingered += n;
    metrics.lingeringBytes.add(n);
    if (lingerLeft > 0) {
      lingerLeft = Math.max(0, lingerLeft - n);
    }
    if (lingerLeft == 0 || lingered >= ConnectionLimits.LINGER_BYTES) {
      closeAfterAnswer();
    }
  }

  /**
   * The connection now speaks HTTP/2 (prior knowledge, {@code Upgrade: h2c} or ALPN): the header clock restarts and
   * runs until the client's SETTINGS are in ({@link #http2Settings()}).
   */
  void http2() {
    http2 = true;
    phase = Phase.HEADERS;
    deadline = 0;
    long now = System.nanoTime();
    requestStart = now;
    arm(now + headerNanos);
  }

  /** The client's first SETTINGS frame (the end of its connection preface) is in. */
  void http2Settings() {
    if (!http2Ready) {
      http2Ready = true;
      http2Streams(openStreams);
    }
  }

  /** {@code open} HTTP/2 streams are open now: while any is, the connection is not idle. */
  void http2Streams(int open) {
    openStreams = open;
    if (!http2Ready) {
      return;
    }
    if (open > 0) {
      phase = Phase.WORKING;
      deadline = 0;
    } else if (phase != Phase.IDLE) {
      phase = Phase.IDLE;
      arm(System.nanoTime() + idleNanos);
    }
  }

  /** Sends {@code answer} on a connection that is cut off before its request could be read, then closes it. */
  void cutOff(String limit, ErrorType type, String message) {
    metrics.limitHits.inc(limit);
    phase = Phase.LINGERING;
    lingerLeft = -1;
    deadline = 0;
    cancelTimer();
    if (bytesSeen) {
      answer = ctx.writeAndFlush(Responses.raw(type, message, 0));
    }
    closeAfterAnswer();
  }

  private void closeAfterAnswer() {
    if (answer != null) {
      answer.addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  private void arm(long at) {
    deadline = at;
    if (timer != null && timerAt - at <= 0) {
      return;  // fires early enough; it re-arms itself for the real deadline
    }
    cancelTimer();
    timerAt = at;
    timer = ctx.executor().schedule(this::onTimer, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void onTimer() {
    timer = null;
    if (deadline == 0 || !ctx.channel().isActive()) {
      return;
    }
    long now = System.nanoTime();
    if (now - deadline < 0) {
      arm(deadline);
      return;
    }
    if (http2) {
      http2Timeout();
      return;
    }
    switch (phase) {
      case HEADERS -> {
        boolean overall = now - (requestStart + requestNanos) >= 0;
        cutOff(overall ? "request_time" : "header_timeout", ErrorType.REQUEST_TIMEOUT, overall
            ? "the request was not read within " + limits.maxRequestTime().toMillis() + " ms (serve --max-request-time)"
            : "the request headers did not arrive within " + limits.headerTimeout().toMillis()
                + " ms (serve --header-timeout)");
      }
      case BODY -> body(now);
      case IDLE -> {
        metrics.limitHits.inc("idle_timeout");
        deadline = 0;
        ctx.close();
      }
      case LINGERING -> {
        deadline = 0;
        closeAfterAnswer();
      }
      case WORKING -> deadline = 0;
    }
  }

  /** An HTTP/2 connection's clock ran out: closed from the pipeline's end, so the HTTP/2 codec sends GOAWAY. */
  private void http2Timeout() {
    deadline = 0;
    if (phase == Phase.HEADERS) {
      metrics.limitHits.inc("header_timeout");
    } else if (phase == Phase.IDLE) {
      metrics.limitHits.inc("idle_timeout");
    } else {
      return;
    }
    ctx.channel().close();
  }

  /** A body window ended: enough bytes came, or the connection is cut off. */
  private void body(long now) {
    if (now - (requestStart + requestNanos) >= 0) {
      cutOff("request_time", ErrorType.REQUEST_TIMEOUT, "the request was not read within "
          + limits.maxRequestTime().toMillis() + " ms (serve --max-request-time)");
      return;
    }
    long required = bodyLeft >= 0 ? Math.min(minBodyBytesPerWindow, Math.max(1, bodyLeft)) : minBodyBytesPerWindow;
    if (windowBytes < required) {
      bytesSeen = true;
      cutOff("body_timeout", ErrorType.REQUEST_TIMEOUT, "the request body arrived too slowly: " + windowBytes
          + " bytes in " + limits.bodyTimeout().toMillis() + " ms, at least " + required
          + " expected (serve --body-timeout, --min-body-rate)");
      return;
    }
    windowStart = now;
    windowBytes = 0;
    arm(Math.min(windowStart + bodyWindowNanos, requestStart + requestNanos));
  }
}
