package dev.bulwark.server.transport;

import dev.bulwark.server.ResponseStream;
import dev.bulwark.server.http.ResponseChannel;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One request's answer sent in pieces: a chunked HTTP/1.1 response whose chunks are flushed as the route writes them
 * (Netty queues writes from any thread to the connection's event loop, in order). Its end hands the connection back
 * to the reader, as a whole answer's does.
 */
final class StreamedAnswer implements ResponseChannel {
  private final ChannelHandlerContext ctx;
  private final boolean http10KeepAlive;
  private final BiConsumer<ChannelFuture, Boolean> ended;

  StreamedAnswer(ChannelHandlerContext ctx, boolean http10KeepAlive, BiConsumer<ChannelFuture, Boolean> ended) {
    this.ctx = ctx;
    this.http10KeepAlive = http10KeepAlive;
    this.ended = ended;
  }

  @Override
  public ResponseStream open(int status, Map<String, String> headers, boolean close) {
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
    HttpHeaders h = response.headers();
    headers.forEach(h::set);
    h.set("Transfer-Encoding", HttpHeaderValues.CHUNKED);
    h.set("Date", Responses.now());
    if (close) {
      h.set("Connection", HttpHeaderValues.CLOSE);
    } else if (http10KeepAlive) {
      h.set("Connection", HttpHeaderValues.KEEP_ALIVE);
    }
    ctx.writeAndFlush(response);
    // Read while the answer streams, so a client that closes its connection is noticed at once (and the route's
    // onClientGone runs) rather than at the next failed write; the reader turns reading off again if it pipelines.
    ctx.channel().config().setAutoRead(true);
    return new ResponseStream() {
      @Override
      public void write(byte[] bytes) {
        if (ctx.channel().isActive()) {
          ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
        }
      }

      @Override
      public void end() {
        ChannelFuture f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        f.addListener((ChannelFuture done) -> ended.accept(done, close));
      }
    };
  }

  @Override
  public boolean clientGone() {
    return !ctx.channel().isActive();
  }

  @Override
  public void onClientGone(Runnable action) {
    ctx.channel().closeFuture().addListener(f -> action.run());
  }

  @Override
  public void abort() {
    ctx.channel().close();
  }
}
