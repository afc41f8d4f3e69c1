package dev.bulwark.server.transport;

import dev.bulwark.server.http.ErrorType;
import dev.bulwark.server.metrics.ServerMetrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/2 stream's clock, first in the stream's pipeline: the request must be read whole within the maximum
 * request time from the stream's opening (else 408 and the stream is reset), and a request refused early has the
 * rest of its body stopped with RST_STREAM(NO_ERROR) once the answer is out (RFC 9113, section 8.1), instead of the
 * lingering close an HTTP/1.1 connection needs. The connection's own clock stays with the {@link ConnectionGuard}.
 */
final class StreamClock extends ChannelInboundHandlerAdapter implements RequestClock {
  private final ServerMetrics metrics;
  private final Duration maxRequestTime;
  private final long start = System.nanoTime();

  private Channel channel;
  private ScheduledFuture<?> timer;
  private boolean reading = true;
  private boolean clientDone;

  StreamClock(Duration maxRequestTime, ServerMetrics metrics) {
    this.maxRequestTime = maxRequestTime;
    this.metrics = metrics;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    timer = ctx.executor().schedule(this::tooLong, maxRequestTime.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Http2HeadersFrame h && h.isEndStream() || msg instanceof Http2DataFrame d && d.isEndStream()) {
      clientDone = true;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    stopTimer();
    super.channelInactive(ctx);
  }

  @Override
  public long requestStart() {
    return start;
  }

  @Override
  public void headersRead(long declaredLength) {
    // The stream's whole request is bounded by the request time; flow control paces its body.
  }

  @Override
  public void bodyRead(int n) {
    // No minimum rate per stream: see headersRead.
  }

  @Override
  public void requestRead() {
    stopTimer();
  }

  @Override
  public void answered() {
    // A stream carries one request: nothing follows its answer.
  }

  @Override
  public void linger(long left, ChannelFuture earlyAnswer) {
    stopTimer();
    earlyAnswer.addListener(f -> {
      if (f.isSuccess() && !clientDone && channel.isActive()) {
        channel.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR));
      }
    });
  }

  @Override
  public void dropped(int n) {
    metrics.lingeringBytes.add(n);
  }

  private void stopTimer() {
    reading = false;
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void tooLong() {
    timer = null;
    if (!reading || !channel.isActive()) {
      return;
    }
    reading = false;
    metrics.limitHits.inc("request_time");
    // Answered, then closed: closing resets the stream, so the reader sees nothing more of this request.
    channel.writeAndFlush(Responses.error(ErrorType.REQUEST_TIMEOUT, "the request was not read within "
        + maxRequestTime.toMillis() + " ms (serve --max-request-time)"));
    channel.close();
  }
}
