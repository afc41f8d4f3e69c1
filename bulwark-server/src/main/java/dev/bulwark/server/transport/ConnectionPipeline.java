package dev.bulwark.server.transport;

import dev.bulwark.server.ConnectionLimits;
import dev.bulwark.server.Http2Limits;
import dev.bulwark.server.ServerSettings;
import dev.bulwark.server.http.Dispatcher;
import dev.bulwark.server.http.WorkerPool;
import dev.bulwark.server.metrics.ServerMetrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsciiString;

/**
 * What one connection's pipeline holds, by protocol. Every connection starts with TLS (optional) and its
 * {@link ConnectionGuard}; then
 * <ul>
 *   <li>HTTP/1.1: the HTTP/1.1 codec and a {@link RequestReader};
 *   <li>a plain port with HTTP/2 on: the same, behind Netty's h2c detector, which switches to HTTP/2 on the
 *       connection preface (prior knowledge) or an {@code Upgrade: h2c} request;
 *   <li>TLS with HTTP/2 on: {@link ProtocolChoice}, which sets up what ALPN chose;
 *   <li>HTTP/2: the HTTP/2 codec (its limits counted by {@link Http2LimitCounter}), a multiplexer giving every stream
 *       a child channel of its own, and {@link Http2Activity}. Each stream's pipeline is a {@link StreamClock}, a
 *       converter between HTTP/2 frames and HTTP/1.1 messages, and a {@link RequestReader}: the same reader and
 *       dispatch as HTTP/1.1, one request per stream.
 * </ul>
 */
final class ConnectionPipeline {
  static final String HTTP1_READER = "reader";
  /** Decoded body pieces: large enough that a 1 MB body is a handful of pieces. */
  private static final int MAX_CHUNK = 65_536;

  private final ServerSettings settings;
  private final ConnectionLimits limits;
  private final Http2Limits http2;
  private final Dispatcher dispatcher;
  private final WorkerPool pool;
  private final ServerMetrics metrics;
  private final SslContext ssl;

  ConnectionPipeline(ServerSettings settings, Dispatcher dispatcher, WorkerPool pool, ServerMetrics metrics,
      SslContext ssl) {
    this.settings = settings;
    this.limits = settings.connections();
    this.http2 = limits.http2();
    this.dispatcher = dispatcher;
    this.pool = pool;
    this.metrics = metrics;
    this.ssl = ssl;
  }

  /** Sets up a newly accepted connection (one within the connection limit). */
  void build(Channel ch) {
    ChannelPipeline p = ch.pipeline();
    if (ssl != null) {
      SslHandler handler = ssl.newHandler(ch.alloc());
      handler.setHandshakeTimeoutMillis(limits.headerTimeout().toMillis());
      p.addLast("tls", handler);
    }
    ConnectionGuard guard = new ConnectionGuard(limits, metrics);
    p.addLast("guard", guard);
    if (!http2.enabled()) {
      http1(p, guard);
    } else if (ssl != null) {
      p.addLast(new ProtocolChoice(this, guard, metrics));
    } else {
      cleartext(p, guard);
    }
  }

  /** HTTP/1.1 behind {@code guard}. */
  void http1(ChannelPipeline p, ConnectionGuard guard) {
    p.addLast("http", http1Codec());
    p.addLast(HTTP1_READER, reader(guard, "http/1.1"));
  }

  /** HTTP/2 behind {@code guard}; {@code protocol} is what its requests are counted as ({@code h2} or {@code h2c}). */
  void http2(ChannelPipeline p, ConnectionGuard guard, String protocol) {
    Http2FrameCodec codec = http2Codec();
    p.addLast("h2", codec);
    p.addLast("streams", streams(protocol));
    p.addLast("h2-activity", new Http2Activity(guard, codec.connection()));
  }

  /**
   * HTTP/1.1 that turns into HTTP/2 on the connection preface or an {@code Upgrade: h2c} request. Both checks are
   * gone after the first request (the detector removes itself at the first byte that is not the preface, the upgrade
   * handler after the first request), so HTTP/1.1 keep-alive costs nothing more than without HTTP/2.
   */
  private void cleartext(ChannelPipeline p, ConnectionGuard guard) {
    HttpServerCodec codec = http1Codec();
    int maxUpgradeBody = (int) Math.min(Integer.MAX_VALUE - 8, settings.maxBodyBytes());
    HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(codec, protocol -> {
      if (!AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)) {
        return null;
      }
      Http2FrameCodec h2 = http2Codec();
      return new Http2ServerUpgradeCodec(h2, streams("h2c"), new Http2Activity(guard, h2.connection()));
    }, maxUpgradeBody, true) {
      /**
       * The upgrade handler reads an upgrade request's body whole before switching (the JDK's client sends
       * {@code Upgrade: h2c} on a first POST too), so only a body of declared length within the body limit is
       * upgraded. Any other request is served as HTTP/1.1 (a server may ignore {@code Upgrade}), where the reader's
       * 413 and lingering close apply.
       */
      @Override
      protected boolean shouldHandleUpgradeRequest(HttpRequest request) {
        return !HttpUtil.isTransferEncodingChunked(request)
            && HttpUtil.getContentLength(request, 0L) <= maxUpgradeBody;
      }
    };
    ChannelInitializer<Channel> priorKnowledge = new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        http2(ch.pipeline(), guard, "h2c");
      }
    };
    p.addLast("h2c", new CleartextHttp2ServerUpgradeHandler(codec, upgrade, priorKnowledge));
    p.addLast(HTTP1_READER, reader(guard, "http/1.1"));
  }

  private HttpServerCodec http1Codec() {
    return new HttpServerCodec(new HttpDecoderConfig()
        .setMaxInitialLineLength(limits.maxHeaderBytes())
        .setMaxHeaderSize(limits.maxHeaderBytes())
        .setMaxChunkSize(MAX_CHUNK));
  }

  private Http2FrameCodec http2Codec() {
    Http2Settings initial = Http2Settings.defaultSettings()
        .maxConcurrentStreams(http2.maxConcurrentStreams())
        .maxHeaderListSize(limits.maxHeaderBytes());
    return Http2FrameCodecBuilder.forServer()
        .initialSettings(initial)
        .decoderEnforceMaxRstFramesPerWindow(http2.maxResets(), (int) http2.resetWindow().toSeconds())
        .frameLogger(new Http2LimitCounter(metrics))
        .validateHeaders(true)
        .build();
  }

  private Http2MultiplexHandler streams(String protocol) {
    return new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
      @Override
      protected void initChannel(Http2StreamChannel stream) {
        StreamClock clock = new StreamClock(limits.maxRequestTime(), metrics);
        stream.pipeline().addLast(clock, new Http2StreamFrameToHttpObjectCodec(true), reader(clock, protocol));
      }
    });
  }

  private RequestReader reader(RequestClock clock, String protocol) {
    return new RequestReader(dispatcher, pool, clock, protocol, http2.enabled(), metrics, settings.maxBodyBytes(),
        settings.deadline().toNanos(), limits.maxRequestTime().toNanos(), limits.maxHeaderBytes());
  }
}
