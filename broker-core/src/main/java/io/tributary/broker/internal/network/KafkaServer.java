package io.tributary.broker.internal.network;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP listener: size-prefixed Kafka frames in, responses out.
 *
 * <p>A frame whose size prefix is negative or larger than {@code maxRequestSize} closes that
 * connection (as Apache Kafka does) without affecting any other connection; see {@link
 * KafkaChannelInitializer} for the pipeline.
 *
 * <p>Uses the NIO transport so that fetch responses can send file slices with {@code
 * FileChannel.transferTo}. Thread-safe.
 */
public final class KafkaServer implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(KafkaServer.class);

  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  private final Channel serverChannel;

  private KafkaServer(EventLoopGroup boss, EventLoopGroup workers, Channel serverChannel) {
    this.bossGroup = boss;
    this.workerGroup = workers;
    this.serverChannel = serverChannel;
  }

  /**
   * Binds the listener and starts accepting connections.
   *
   * @param listen the address to bind; port 0 picks a free port
   * @param networkThreads the number of event loop threads
   * @param maxRequestSize the largest accepted request (the size prefix's value), in bytes
   * @param idleMs connections without traffic for this long are closed; 0 or less: never
   */
  public static KafkaServer start(
      InetSocketAddress listen,
      int networkThreads,
      int maxRequestSize,
      long idleMs,
      RequestProcessor processor)
      throws InterruptedException {
    requireNonNull(listen, "listen is null");
    requireNonNull(processor, "processor is null");
    EventLoopGroup boss =
        new NioEventLoopGroup(1, new DefaultThreadFactory("broker-acceptor", true));
    EventLoopGroup workers =
        new NioEventLoopGroup(networkThreads, new DefaultThreadFactory("broker-network", true));
    try {
      ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 1024)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childOption(ChannelOption.SO_KEEPALIVE, true)
              .childHandler(new KafkaChannelInitializer(processor, maxRequestSize, idleMs));
      ChannelFuture bound = bootstrap.bind(listen).await();
      if (!bound.isSuccess()) {
        throw new IllegalStateException(
            "Cannot listen for Kafka clients on "
                + listen
                + ": "
                + bound.cause().getMessage()
                + ". Another process may be using the port; choose another with --listen"
                + " HOST:PORT.",
            bound.cause());
      }
      Channel channel = bound.channel();
      LOGGER.info("Listening for Kafka clients on {}", channel.localAddress());
      return new KafkaServer(boss, workers, channel);
    } catch (InterruptedException | RuntimeException e) {
      boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e;
    }
  }

  /** The address actually bound (with the real port when 0 was asked for). */
  public InetSocketAddress boundAddress() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** Stops accepting, closes every connection and waits for the event loops to end. */
  @Override
  public void close() {
    serverChannel.close().syncUninterruptibly();
    bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
