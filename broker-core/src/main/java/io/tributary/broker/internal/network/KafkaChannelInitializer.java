package io.tributary.broker.internal.network;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pipeline of one client connection:
 *
 * <ol>
 *   <li>{@code idle}: closes a connection with no reads or writes for {@code
 *       connections.max.idle.ms} (a client that sent half a frame and stalled, a forgotten socket),
 *       as Apache Kafka does;
 *   <li>{@code frames}: splits the byte stream at the 4-byte big-endian size prefixes. A negative
 *       size or one above {@code socket.request.max.bytes} closes the connection as soon as the
 *       prefix is read (fail fast); nothing is allocated for the announced size up front, the
 *       decoder only accumulates bytes that actually arrive;
 *   <li>{@code requests}: the {@link ConnectionHandler}.
 * </ol>
 *
 * <p>Thread-safe; one instance serves all connections of a listener.
 */
final class KafkaChannelInitializer extends ChannelInitializer<Channel> {
  private static final int SIZE_PREFIX_BYTES = 4;

  private final RequestProcessor processor;
  private final int maxRequestSize;
  private final long idleMs;
  private final AtomicLong connectionIds = new AtomicLong();

  /**
   * @param maxRequestSize the largest accepted size prefix (the request without its prefix)
   * @param idleMs close connections idle this long; 0 or less never closes idle connections
   */
  KafkaChannelInitializer(RequestProcessor processor, int maxRequestSize, long idleMs) {
    this.processor = requireNonNull(processor, "processor is null");
    if (maxRequestSize < 1) {
      throw new IllegalArgumentException("maxRequestSize must be positive, was " + maxRequestSize);
    }
    this.maxRequestSize = maxRequestSize;
    this.idleMs = idleMs;
  }

  @Override
  protected void initChannel(Channel ch) {
    if (idleMs > 0) {
      ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, idleMs, TimeUnit.MILLISECONDS));
    }
    // Netty's limit counts the prefix too; Kafka's socket.request.max.bytes is the prefix value.
    int maxFrameLength =
        maxRequestSize > Integer.MAX_VALUE - SIZE_PREFIX_BYTES
            ? Integer.MAX_VALUE
            : maxRequestSize + SIZE_PREFIX_BYTES;
    ch.pipeline()
        .addLast(
            "frames",
            new LengthFieldBasedFrameDecoder(
                maxFrameLength, 0, SIZE_PREFIX_BYTES, 0, SIZE_PREFIX_BYTES, true))
        .addLast("requests", new ConnectionHandler(processor, connectionId(ch)));
  }

  private String connectionId(Channel ch) {
    String port =
        ch.localAddress() instanceof java.net.InetSocketAddress local
            ? String.valueOf(local.getPort())
            : "local";
    return port + "-" + connectionIds.incrementAndGet();
  }
}
