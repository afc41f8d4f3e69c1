package dev.bulwark.gateway;

import dev.bulwark.core.Firewall;
import dev.bulwark.gateway.internal.ChatExchange;
import dev.bulwark.gateway.internal.GatewayHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible proxy that guards both directions: {@code POST /v1/chat/completions} (streamed or not) is
 * scanned before it is forwarded and its answer is scanned as it comes back, streamed answers chunk by chunk through
 * {@link Firewall#stream}; {@code GET /v1/models} is passed through. Point any OpenAI client at {@link #baseUrl()}.
 */
public final class BulwarkGateway implements AutoCloseable {
  private final EventLoopGroup group;
  private final Channel channel;
  private final ExecutorService workers;
  private final ScheduledExecutorService timer;
  private final HttpClient http;

  private BulwarkGateway(EventLoopGroup group, Channel channel, ExecutorService workers, ScheduledExecutorService timer,
      HttpClient http) {
    this.group = group;
    this.channel = channel;
    this.workers = workers;
    this.timer = timer;
    this.http = http;
  }

  /** Binds and starts serving; the firewall stays the caller's (it is not closed with the gateway). */
  public static BulwarkGateway start(GatewaySettings settings, Firewall firewall) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .version(HttpClient.Version.HTTP_1_1).build();
    ExecutorService workers = Executors.newCachedThreadPool(daemon("bulwark-gateway"));
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("bulwark-gateway-timer"));
    ChatExchange chat = new ChatExchange(settings, firewall, http, timer);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    try {
      Channel ch = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel c) {
              c.pipeline()
                  .addLast(new HttpServerCodec())
                  .addLast(new HttpObjectAggregator(settings.maxBodyBytes()))
                  .addLast(new GatewayHandler(chat, workers, http, settings::upstream));
            }
          })
          .bind(settings.host(), settings.port()).sync().channel();
      return new BulwarkGateway(group, ch, workers, timer, http);
    } catch (InterruptedException | RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      workers.shutdownNow();
      timer.shutdownNow();
      throw e;
    }
  }

  /** {@code http://host:port/v1}, the base URL to give OpenAI clients. */
  public URI baseUrl() {
    InetSocketAddress a = (InetSocketAddress) channel.localAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/v1");
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownNow();
    timer.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
