package dev.bulwark.server.transport;

import dev.bulwark.server.metrics.ServerMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLException;

/** After the TLS handshake, sets up the protocol the client chose by ALPN: {@code h2}, else HTTP/1.1. */
final class ProtocolChoice extends ApplicationProtocolNegotiationHandler {
  private final ConnectionPipeline pipeline;
  private final ConnectionGuard guard;
  private final ServerMetrics metrics;
  private boolean failed;

  ProtocolChoice(ConnectionPipeline pipeline, ConnectionGuard guard, ServerMetrics metrics) {
    super(ApplicationProtocolNames.HTTP_1_1);
    this.pipeline = pipeline;
    this.guard = guard;
    this.metrics = metrics;
  }

  @Override
  protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
    if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
      pipeline.http2(ctx.pipeline(), guard, "h2");
    } else {
      pipeline.http1(ctx.pipeline(), guard);
    }
  }

  /** Counted once: a failed handshake may be reported both as an event and as the decoder's exception. */
  @Override
  protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
    if (!failed) {
      failed = true;
      metrics.limitHits.inc("tls_handshake");
    }
    ctx.close();
  }

  /** A handshake that failed or stalled (its timeout, or the connection closed first) is reported as this event. */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
      handshakeFailure(ctx, done.cause());
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
      handshakeFailure(ctx, cause.getCause());
    } else {
      ctx.close();  // a client gone before choosing: nothing to log
    }
  }
}
