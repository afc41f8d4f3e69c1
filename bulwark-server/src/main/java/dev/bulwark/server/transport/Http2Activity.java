package dev.bulwark.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.ReferenceCountUtil;

/**
 * The end of an HTTP/2 connection's pipeline (behind the codec and the stream multiplexer): tells the
 * {@link ConnectionGuard} when the client's preface is in and how many streams are open, so the connection's header
 * and idle timeouts keep applying, and drops the connection-level frames nothing else wants. On an upgraded
 * connection it also takes the place of the HTTP/1.1 {@link RequestReader}: requests now arrive on streams.
 */
final class Http2Activity extends ChannelInboundHandlerAdapter {
  private final ConnectionGuard guard;
  private final Http2Connection connection;

  Http2Activity(ConnectionGuard guard, Http2Connection connection) {
    this.guard = guard;
    this.connection = connection;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.pipeline().get(ConnectionPipeline.HTTP1_READER) != null) {
      ctx.pipeline().remove(ConnectionPipeline.HTTP1_READER);
    }
    guard.http2();
    connection.addListener(new Http2ConnectionAdapter() {
      @Override
      public void onStreamActive(Http2Stream stream) {
        guard.http2Streams(connection.numActiveStreams());
      }

      @Override
      public void onStreamClosed(Http2Stream stream) {
        guard.http2Streams(connection.numActiveStreams());
      }
    });
    guard.http2Streams(connection.numActiveStreams());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Http2SettingsFrame) {
      guard.http2Settings();
    }
    ReferenceCountUtil.release(msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A protocol error is reported here before the codec answers it (GOAWAY with its code, then close): closing here
    // would send GOAWAY(NO_ERROR) first. Resets and vanished clients cost only this connection.
    if (!(cause instanceof Http2Exception)) {
      ctx.close();
    }
  }
}
