package io.tributary.broker.internal.network;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import org.apache.kafka.common.network.Send;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: queues complete request frames and hands them to the {@link
 * RequestProcessor} one at a time, writing each response before the next request is processed
 * (Kafka clients rely on responses arriving in request order).
 *
 * <p>When too many requests are queued, reading from the socket pauses until the queue drains,
 * which pushes back on a client that sends faster than the broker processes.
 *
 * <p>All state is confined to the channel's event loop.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionHandler.class);
  private static final int MAX_QUEUED_REQUESTS = 32;

  private final RequestProcessor processor;
  private final String connectionId;
  private final Queue<ByteBuffer> pending = new ArrayDeque<>();
  private ConnectionInfo info;
  private boolean processing;
  private boolean closed;

  ConnectionHandler(RequestProcessor processor, String connectionId) {
    this.processor = requireNonNull(processor, "processor is null");
    this.connectionId = requireNonNull(connectionId, "connectionId is null");
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    info =
        new ConnectionInfo(
            connectionId,
            (InetSocketAddress) ctx.channel().remoteAddress(),
            (InetSocketAddress) ctx.channel().localAddress());
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    ByteBuffer copy;
    try {
      // A heap copy: request bodies (produce records) outlive Netty's pooled buffer.
      copy = ByteBuffer.allocate(frame.readableBytes());
      frame.readBytes(copy);
      copy.flip();
    } finally {
      frame.release();
    }
    pending.add(copy);
    if (pending.size() >= MAX_QUEUED_REQUESTS) {
      ctx.channel().config().setAutoRead(false);
    }
    processNext(ctx);
  }

  private void processNext(ChannelHandlerContext ctx) {
    if (processing || closed) {
      return;
    }
    ByteBuffer frame = pending.poll();
    if (frame == null) {
      return;
    }
    if (!ctx.channel().config().isAutoRead() && pending.size() < MAX_QUEUED_REQUESTS / 2) {
      ctx.channel().config().setAutoRead(true);
    }
    processing = true;
    try {
      processor
          .process(info, frame)
          .whenComplete(
              (response, error) -> {
                if (ctx.executor().inEventLoop()) {
                  complete(ctx, response, error);
                } else {
                  ctx.executor().execute(() -> complete(ctx, response, error));
                }
              });
    } catch (RuntimeException e) {
      complete(ctx, null, e);
    }
  }

  private void complete(ChannelHandlerContext ctx, Optional<Send> response, Throwable error) {
    processing = false;
    if (closed) {
      return;
    }
    if (error != null) {
      LOGGER.warn(
          "Closing connection {} from {}: {}",
          connectionId,
          info.remoteAddress(),
          error.toString());
      ctx.close();
      return;
    }
    if (response.isPresent()) {
      ctx.writeAndFlush(new SendRegion(response.get()));
    }
    processNext(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    closed = true;
    pending.clear();
    if (info != null) {
      processor.connectionClosed(info);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException || cause instanceof DecoderException) {
      LOGGER.warn(
          "Closing connection {} from {}: invalid frame: {}",
          connectionId,
          ctx.channel().remoteAddress(),
          cause.getMessage());
    } else if (cause instanceof IOException) {
      LOGGER.debug("Connection {} failed: {}", connectionId, cause.toString());
    } else {
      LOGGER.warn("Closing connection {} after an unexpected error", connectionId, cause);
    }
    ctx.close();
  }
}
