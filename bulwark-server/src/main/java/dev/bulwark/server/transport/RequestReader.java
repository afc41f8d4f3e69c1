package dev.bulwark.server.transport;

import dev.bulwark.server.http.Answer;
import dev.bulwark.server.http.ApiException;
import dev.bulwark.server.http.Dispatcher;
import dev.bulwark.server.http.ErrorType;
import dev.bulwark.server.http.Request;
import dev.bulwark.server.http.ResponseChannel;
import dev.bulwark.server.http.WorkerPool;
import dev.bulwark.server.metrics.ServerMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Reads whole requests on the event loop and hands only complete ones on: cheap ones are answered right here, the
 * rest go to the {@link WorkerPool} (or get 503 at once when it is full). A body is collected up to the body limit; a
 * longer one is answered 413 and the rest of it dropped (lingering close).
 *
 * <p>One request per connection is worked on at a time, so pipelined requests are answered in order: while one is
 * worked on, the connection stops reading and whatever was already decoded waits here. Over HTTP/2 each stream has a
 * reader of its own (behind a converter from frames to HTTP/1.1 messages), which reads that stream's one request.
 */
final class RequestReader extends ChannelInboundHandlerAdapter {
  private final Dispatcher dispatcher;
  private final WorkerPool pool;
  private final RequestClock clock;
  private final String protocol;
  private final boolean http2Offered;
  private final ServerMetrics metrics;
  private final long maxBodyBytes;
  private final long deadlineNanos;
  private final long maxRequestNanos;
  private final String maxHeaderNote;

  private ChannelHandlerContext ctx;
  private final ArrayDeque<Object> pending = new ArrayDeque<>();
  private HttpRequest current;
  private String path;
  private byte[] body;
  private int bodyLength;
  private boolean discarding;
  private boolean busy;

  /**
   * @param clock the connection's guard (HTTP/1.1) or the stream's clock (HTTP/2)
   * @param protocol what the requests are counted as: {@code http/1.1}, {@code h2c} or {@code h2}
   * @param http2Offered whether the server offers HTTP/2 (only for the message refusing HTTP/2 bytes on HTTP/1.1)
   */
  RequestReader(Dispatcher dispatcher, WorkerPool pool, RequestClock clock, String protocol, boolean http2Offered,
      ServerMetrics metrics, long maxBodyBytes, long deadlineNanos, long maxRequestNanos, int maxHeaderBytes) {
    this.dispatcher = dispatcher;
    this.pool = pool;
    this.clock = clock;
    this.protocol = protocol;
    this.http2Offered = http2Offered;
    this.metrics = metrics;
    this.maxBodyBytes = maxBodyBytes;
    this.deadlineNanos = deadlineNanos;
    this.maxRequestNanos = maxRequestNanos;
    this.maxHeaderNote = maxHeaderBytes + " bytes (serve --max-header-bytes)";
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.ctx = context;
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    if (discarding) {
      // The rest of a refused request (and anything pipelined after it): dropped, and counted towards the
      // lingering close. Nothing after a refusal is answered: the connection closes.
      if (msg instanceof HttpContent content) {
        clock.dropped(content.content().readableBytes());
      }
      ReferenceCountUtil.release(msg);
      return;
    }
    if (busy || !pending.isEmpty()) {
      // Pipelined while a request is worked on. Reading is off then, except during an answer sent in pieces (so a
      // client that leaves is noticed at once): the first byte it pipelines turns reading off again.
      pending.add(msg);
      context.channel().config().setAutoRead(false);
      return;
    }
    read(msg);
  }

  private void read(Object msg) {
    try {
      if (msg instanceof HttpRequest request) {
        start(request);
      }
      if (msg instanceof HttpContent content) {
        content(content);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void start(HttpRequest request) {
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      discarding = true;
      refuse(request.uri(), -1, unreadable(cause));
      return;
    }
    if (request.protocolVersion().majorVersion() != 1) {
      // "PRI * HTTP/2.0" is the HTTP/2 connection preface: said to an HTTP/1.1 connection, it gets a plain answer.
      discarding = true;
      refuse(request.uri(), 0, new ApiException(ErrorType.BAD_REQUEST, "this connection speaks HTTP/1.1, not "
          + excerpt(request.protocolVersion().text()) + (http2Offered
              ? ": HTTP/2 starts with its connection preface on a new connection, with Upgrade: h2c, or by ALPN over TLS"
              : ": HTTP/2 is turned off on this server (serve --http2 off)")));
      return;
    }
    current = request;
    bodyLength = 0;
    discarding = false;
    try {
      path = new QueryStringDecoder(request.uri()).path();
    } catch (IllegalArgumentException e) {
      discarding = true;
      refuse(null, -1, new ApiException(ErrorType.BAD_REQUEST, "the request target is not a valid URI: "
          + e.getMessage()));
      return;
    }
    long declared = HttpUtil.getContentLength(request, -1L);
    clock.headersRead(declared);
    String expect = request.headers().get(HttpHeaderNames.EXPECT);
    if (expect != null && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect)) {
      discarding = true;
      refuse(path, declared, new ApiException(ErrorType.EXPECTATION_FAILED, "Expect: " + excerpt(expect)
          + " is not supported; only 100-continue is"));
      return;
    }
    if (declared > maxBodyBytes) {
      discarding = true;
      metrics.limitHits.inc("body_size");
      refuse(path, declared, tooLarge());
      return;
    }
    if (expect != null) {
      ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
          Unpooled.EMPTY_BUFFER));
    }
    // Grown as bytes arrive, never sized by the declared length alone: 4,096 connections each declaring a 1 MB body
    // must not reserve 4 GB before sending a byte.
    body = new byte[(int) Math.min(declared >= 0 ? declared : 8192, Math.min(maxBodyBytes, 65_536))];
  }

  private void content(HttpContent content) {
    ByteBuf bytes = content.content();
    int n = bytes.readableBytes();
    if (discarding) {
      if (n > 0) {
        clock.dropped(n);
      }
      return;
    }
    if (current == null) {
      return;
    }
    if (content.decoderResult().isFailure()) {
      discarding = true;
      refuse(path, -1, unreadable(content.decoderResult().cause()));
      return;
    }
    clock.bodyRead(n);
    if (bodyLength + (long) n > maxBodyBytes) {
      discarding = true;
      metrics.limitHits.inc("body_size");
      refuse(path, -1, tooLarge());
      return;
    }
    if (bodyLength + n > body.length) {
      body = Arrays.copyOf(body, (int) Math.min(maxBodyBytes, Math.max((long) body.length * 2, bodyLength + n)));
    }
    bytes.readBytes(body, bodyLength, n);
    bodyLength += n;
    if (content instanceof LastHttpContent) {
      complete();
    }
  }

  /** A whole request: answer it here if it is cheap, else queue it for a request thread. */
  private void complete() {
    HttpRequest request = current;
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    boolean http10KeepAlive = keepAlive && request.protocolVersion().equals(HttpVersion.HTTP_1_0);
    String requestPath = path;
    Request r = new Request(request.method().name(), path, request.headers(),
        bodyLength == body.length ? body : Arrays.copyOf(body, bodyLength), keepAlive,
        new StreamedAnswer(ctx, http10KeepAlive, (f, close) -> answeredInPieces(requestPath, f, close)));
    current = null;
    body = null;
    clock.requestRead();
    metrics.protocolRequests.inc(protocol);
    busy = true;
    ctx.channel().config().setAutoRead(false);
    long accepted = System.nanoTime();
    long deadline = Math.min(accepted + deadlineNanos, clock.requestStart() + maxRequestNanos);
    if (dispatcher.answersInline(r)) {
      write(r, dispatcher.dispatch(r, accepted, deadline), http10KeepAlive);
    } else if (!pool.trySubmit(() -> write(r, dispatcher.dispatch(r, accepted, deadline), http10KeepAlive))) {
      write(r, dispatcher.refuse(r, new ApiException(ErrorType.OVERLOADED,
          "the server is at capacity (its work queue is full); retry after " + Dispatcher.RETRY_AFTER_SECONDS + "s",
          Dispatcher.RETRY_AFTER_SECONDS), accepted), http10KeepAlive);
    }
  }

  /** Writes an answer (from any thread); once it is out, the connection reads its next request or closes. */
  private void write(Request r, Answer answer, boolean http10KeepAlive) {
    if (answer.streamed()) {
      return; // the route wrote it, and its end moved the connection on (answeredInPieces)
    }
    ctx.writeAndFlush(Responses.encode(answer, r.head(), http10KeepAlive)).addListener((ChannelFuture f) -> {
      if (!f.isSuccess()) {
        metrics.clientAborts.inc(dispatcher.endpoint(r.path()));
        f.channel().close();
      } else if (answer.close()) {
        f.channel().close();
      } else {
        next();
      }
    });
  }

  /** The end of an answer sent in pieces is out (or failed): as after a whole answer. */
  private void answeredInPieces(String requestPath, ChannelFuture f, boolean close) {
    if (!f.isSuccess()) {
      metrics.clientAborts.inc(dispatcher.endpoint(requestPath));
      f.channel().close();
    } else if (close) {
      f.channel().close();
    } else {
      next();
    }
  }

  /** Reads on: first whatever the client pipelined while the last request was worked on. */
  private void next() {
    busy = false;
    clock.answered();
    while (!busy && !pending.isEmpty() && ctx.channel().isActive()) {
      read(pending.poll());
    }
    if (!busy) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  /** Answers an error before the request could be read whole, then drops the rest of it and closes. */
  private void refuse(String requestPath, long declared, ApiException e) {
    busy = true;
    Request r = new Request("POST", requestPath == null ? "" : requestPath, EmptyHttpHeaders.INSTANCE, new byte[0],
        false, ResponseChannel.NONE);
    Answer answer = dispatcher.refuse(r, e, System.nanoTime());
    ChannelFuture written = ctx.writeAndFlush(Responses.encode(answer, false, false));
    long left = declared >= 0 ? Math.max(0, declared - bodyLength) : -1;
    current = null;
    body = null;
    ctx.channel().config().setAutoRead(true);
    clock.linger(left, written);
  }

  private ApiException unreadable(Throwable cause) {
    if (cause instanceof TooLongHttpHeaderException) {
      metrics.limitHits.inc("header_size");
      return new ApiException(ErrorType.HEADERS_TOO_LARGE, "the request headers are over the limit of " + maxHeaderNote);
    }
    if (cause instanceof TooLongHttpLineException) {
      metrics.limitHits.inc("header_size");
      return new ApiException(ErrorType.URI_TOO_LONG, "the request line is over the limit of " + maxHeaderNote);
    }
    if (cause instanceof TooLongFrameException) {
      return new ApiException(ErrorType.BAD_REQUEST, "a chunk header of the request body is too long");
    }
    String why = cause == null || cause.getMessage() == null ? "malformed" : cause.getMessage();
    return new ApiException(ErrorType.BAD_REQUEST, "the request is not valid HTTP/1.1: " + excerpt(why));
  }

  private ApiException tooLarge() {
    return new ApiException(ErrorType.PAYLOAD_TOO_LARGE, "request body is over the limit of " + maxBodyBytes
        + " bytes (serve --max-body-bytes)");
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
    if (event instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
      metrics.limitHits.inc("tls_handshake");
    }
    super.userEventTriggered(context, event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) throws Exception {
    if (current != null && !discarding) {
      // The client went away (or was cut off) in the middle of sending its request.
      metrics.clientAborts.inc(dispatcher.endpoint(path));
    }
    current = null;
    body = null;
    while (!pending.isEmpty()) {
      ReferenceCountUtil.release(pending.poll());
    }
    super.channelInactive(context);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    // Resets, TLS garbage, a client that vanished: each costs only its own connection.
    context.close();
  }

  private static String excerpt(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
