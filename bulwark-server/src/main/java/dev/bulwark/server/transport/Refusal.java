package dev.bulwark.server.transport;

import dev.bulwark.server.http.Dispatcher;
import dev.bulwark.server.http.ErrorType;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The whole pipeline of a connection over the connection limit: a plain-HTTP client is told 503 at once, a TLS one
 * (which cannot read plain bytes) is simply closed. Nothing is queued and nothing of the client's is read.
 */
final class Refusal extends ChannelInboundHandlerAdapter {
  private final boolean tls;
  private final int limit;

  Refusal(boolean tls, int limit) {
    this.tls = tls;
    this.limit = limit;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (tls) {
      ctx.close();
    } else {
      ctx.writeAndFlush(Responses.raw(ErrorType.OVERLOADED, "the server has its maximum of " + limit
          + " connections open (serve --max-connections); retry after " + Dispatcher.RETRY_AFTER_SECONDS + "s",
          Dispatcher.RETRY_AFTER_SECONDS)).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
