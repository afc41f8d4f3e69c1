package dev.bulwark.gateway.internal;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Routes the OpenAI endpoints: {@code POST /v1/chat/completions} to a {@link ChatExchange} on a worker thread (it
 * scans and waits on the upstream, never on the event loop), {@code GET /v1/models} to the upstream's list; anything
 * else gets an OpenAI-shaped 404 or 405.
 */
public final class GatewayHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final ChatExchange chat;
  private final ExecutorService workers;
  private final HttpClient http;
  private final Function<String, java.net.URI> upstream;

  public GatewayHandler(ChatExchange chat, ExecutorService workers, HttpClient http, Function<String, java.net.URI> upstream) {
    this.chat = chat;
    this.workers = workers;
    this.http = http;
    this.upstream = upstream;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    NettyResponder out = new NettyResponder(ctx.channel(), HttpUtil.isKeepAlive(request));
    if (!request.decoderResult().isSuccess()) {
      out.json(400, OpenAiShapes.error("malformed HTTP request", "invalid_request_error", null));
      return;
    }
    String path = request.uri();
    int q = path.indexOf('?');
    path = q < 0 ? path : path.substring(0, q);
    String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    try {
      if (path.equals("/v1/chat/completions")) {
        if (!request.method().equals(HttpMethod.POST)) {
          out.json(405, OpenAiShapes.error("use POST for /v1/chat/completions", "invalid_request_error", null));
          return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        workers.execute(() -> chat.handle(body, authorization, out));
      } else if (path.equals("/v1/models")) {
        workers.execute(() -> models(authorization, out));
      } else {
        out.json(404, OpenAiShapes.error("no such endpoint: " + dev.bulwark.core.Excerpt.of(path, 80)
            + " (the gateway serves /v1/chat/completions and /v1/models)", "invalid_request_error", null));
      }
    } catch (RejectedExecutionException e) {
      out.json(503, OpenAiShapes.error("the gateway is shutting down", "server_error", null));
    }
  }

  private void models(String authorization, Responder out) {
    HttpRequest.Builder b = HttpRequest.newBuilder(upstream.apply("models")).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      out.json(r.statusCode(), r.body());
    } catch (java.io.IOException e) {
      out.json(502, OpenAiShapes.error("cannot reach the upstream: " + e.getMessage(), "upstream_error", null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
