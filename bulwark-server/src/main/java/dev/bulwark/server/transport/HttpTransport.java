package dev.bulwark.server.transport;

import dev.bulwark.server.ConnectionLimits;
import dev.bulwark.server.ServerSettings;
import dev.bulwark.server.http.Dispatcher;
import dev.bulwark.server.http.WorkerPool;
import dev.bulwark.server.metrics.ServerMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's sockets, on Netty: one thread accepts, a few event-loop threads read and write every connection
 * without blocking, and only complete requests reach the {@link WorkerPool}. Per connection the pipeline is
 * TLS (optional), {@link ConnectionGuard} (timeouts, lingering close), then HTTP/1.1 or HTTP/2 as
 * {@link ConnectionPipeline} sets them up, each ending in {@link RequestReader}s (body limit, dispatch, pipelining).
 * Connections over the limit get {@link Refusal} instead.
 */
public final class HttpTransport implements AutoCloseable {
  private static final int BACKLOG = 1024;

  private final EventLoopGroup acceptor;
  private final EventLoopGroup loops;
  private final Channel listener;
  private final Set<Channel> open;
  private final boolean tls;

  private HttpTransport(EventLoopGroup acceptor, EventLoopGroup loops, Channel listener, Set<Channel> open,
      boolean tls) {
    this.acceptor = acceptor;
    this.loops = loops;
    this.listener = listener;
    this.open = open;
    this.tls = tls;
  }

  /**
   * Binds and starts serving.
   *
   * @throws IOException when the address cannot be bound
   * @throws IllegalArgumentException when the TLS files cannot be used
   */
  public static HttpTransport start(ServerSettings settings, Dispatcher dispatcher, WorkerPool pool,
      ServerMetrics metrics) throws IOException {
    ConnectionLimits limits = settings.connections();
    SslContext ssl = settings.tls() == null ? null : TlsContexts.server(settings.tls(), limits.http2().enabled());
    ConnectionPipeline pipeline = new ConnectionPipeline(settings, dispatcher, pool, metrics, ssl);
    AtomicInteger openCount = metrics.openConnections();
    Set<Channel> open = ConcurrentHashMap.newKeySet();
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bulwark-http-accept", true),
        NioIoHandler.newFactory());
    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("bulwark-http-io", true),
        NioIoHandler.newFactory());
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(acceptor, loops)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, BACKLOG)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            metrics.connections.inc();
            ChannelPipeline p = ch.pipeline();
            if (openCount.incrementAndGet() > limits.maxConnections()) {
              openCount.decrementAndGet();
              metrics.limitHits.inc("max_connections");
              p.addLast(new Refusal(ssl != null, limits.maxConnections()));
              return;
            }
            open.add(ch);
            ch.closeFuture().addListener(f -> {
              open.remove(ch);
              openCount.decrementAndGet();
            });
            pipeline.build(ch);
          }
        });
    Channel listener;
    try {
      listener = bootstrap.bind(new InetSocketAddress(settings.host(), settings.port())).sync().channel();
    } catch (Exception e) {
      shutdown(acceptor, loops);
      if (e instanceof IOException io) {
        throw io;
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IOException(e.getMessage(), e);
    }
    return new HttpTransport(acceptor, loops, listener, open, ssl != null);
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  public boolean tls() {
    return tls;
  }

  /** Stops accepting connections; open ones keep being served. */
  public void stopAccepting() {
    listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /** Closes the listener and every connection, then ends the event-loop threads. */
  @Override
  public void close() {
    stopAccepting();
    for (Channel ch : open) {
      ch.close();
    }
    shutdown(acceptor, loops);
  }

  private static void shutdown(EventLoopGroup acceptor, EventLoopGroup loops) {
    var a = acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    var l = loops.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    a.awaitUninterruptibly(5, TimeUnit.SECONDS);
    l.awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
