package dev.bulwark.server.transport;

import dev.bulwark.server.metrics.ServerMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameLogger;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.logging.LogLevel;
import java.nio.charset.StandardCharsets;

/**
 * Counts the HTTP/2 limits Netty's codec enforces itself, from the frames it sends when one is broken: a stream over
 * the concurrency limit is refused with RST_STREAM(REFUSED_STREAM), a header list over the limit is answered 431 (or,
 * far over it, the connection is closed with GOAWAY), and a reset flood closes the connection with
 * GOAWAY(ENHANCE_YOUR_CALM). The codec's frame-logger hook is where those frames can be seen; nothing is logged.
 */
final class Http2LimitCounter extends Http2FrameLogger {
  private static final String HEADER_LIST_TOO_LARGE = "Header size exceeded";

  private final ServerMetrics metrics;

  Http2LimitCounter(ServerMetrics metrics) {
    super(LogLevel.TRACE, Http2LimitCounter.class);
    this.metrics = metrics;
  }

  @Override
  public void logRstStream(Direction direction, ChannelHandlerContext ctx, int streamId, long errorCode) {
    if (direction == Direction.OUTBOUND && errorCode == Http2Error.REFUSED_STREAM.code()) {
      metrics.limitHits.inc("max_streams");
    }
  }

  @Override
  public void logGoAway(Direction direction, ChannelHandlerContext ctx, int lastStreamId, long errorCode,
      ByteBuf debugData) {
    if (direction != Direction.OUTBOUND) {
      return;
    }
    if (errorCode == Http2Error.ENHANCE_YOUR_CALM.code()) {
      metrics.limitHits.inc("rapid_reset");
    } else if (errorCode == Http2Error.PROTOCOL_ERROR.code() && debugData.toString(debugData.readerIndex(),
        Math.min(debugData.readableBytes(), HEADER_LIST_TOO_LARGE.length()), StandardCharsets.US_ASCII)
        .equals(HEADER_LIST_TOO_LARGE)) {
      metrics.limitHits.inc("header_size");
    }
  }

  @Override
  public void logHeaders(Direction direction, ChannelHandlerContext ctx, int streamId, Http2Headers headers,
      int padding, boolean endStream) {
    countRefusedHeaders(direction, headers);
  }

  @Override
  public void logHeaders(Direction direction, ChannelHandlerContext ctx, int streamId, Http2Headers headers,
      int streamDependency, short weight, boolean exclusive, int padding, boolean endStream) {
    countRefusedHeaders(direction, headers);
  }

  /** The server's own answers never say 431 over HTTP/2: only the codec does, for a header list over the limit. */
  private void countRefusedHeaders(Direction direction, Http2Headers headers) {
    if (direction == Direction.OUTBOUND && headers.status() != null && "431".contentEquals(headers.status())) {
      metrics.limitHits.inc("header_size");
    }
  }
}
