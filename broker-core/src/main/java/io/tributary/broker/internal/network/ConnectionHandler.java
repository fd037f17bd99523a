package io.tributary.broker.internal.network;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import org.apache.kafka.common.network.Send;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: queues complete request frames and hands them to the {@link
 * RequestProcessor} one at a time. The next request is processed only once the previous response
 * has been written to the socket, so responses go out in request order (Kafka clients rely on it)
 * and a client that does not read its responses cannot make the broker buffer them without bound.
 *
 * <p>Back-pressure: when more than {@value #MAX_QUEUED_REQUESTS} requests or {@value
 * #MAX_QUEUED_BYTES} bytes are queued, reading from the socket pauses until the queue drains to
 * half of that. A connection thus holds at most the queue, the request in progress, its response
 * and one partial frame in the decoder.
 *
 * <p>Failures close only this connection: an undecodable frame, a processing failure, an idle
 * timeout. A connection is idle when nothing was read or written for connections.max.idle.ms and no
 * request of it is in progress (a long-poll fetch waiting for data is not idle). All state is
 * confined to the channel's event loop.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionHandler.class);
  static final int MAX_QUEUED_REQUESTS = 32;
  static final long MAX_QUEUED_BYTES = 4L * 1024 * 1024;

  private final RequestProcessor processor;
  private final String connectionId;
  private final Queue<ByteBuffer> pending = new ArrayDeque<>();
  private long pendingBytes;
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
            connectionId, inet(ctx.channel().remoteAddress()), inet(ctx.channel().localAddress()));
    super.channelActive(ctx);
  }

  /** Socket addresses of in-process channels (tests) are not IP addresses. */
  private static InetSocketAddress inet(SocketAddress address) {
    return address instanceof InetSocketAddress inet
        ? inet
        : InetSocketAddress.createUnresolved(String.valueOf(address), 0);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    ByteBuffer copy;
    try {
      if (closed) {
        return;
      }
      // A heap copy: request bodies (produce records) outlive Netty's pooled buffer.
      copy = ByteBuffer.allocate(frame.readableBytes());
      frame.readBytes(copy);
      copy.flip();
    } finally {
      frame.release();
    }
    pending.add(copy);
    pendingBytes += copy.capacity();
    if (pending.size() >= MAX_QUEUED_REQUESTS || pendingBytes >= MAX_QUEUED_BYTES) {
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
    pendingBytes -= frame.capacity();
    if (!ctx.channel().config().isAutoRead()
        && pending.size() < MAX_QUEUED_REQUESTS / 2
        && pendingBytes < MAX_QUEUED_BYTES / 2) {
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
    if (closed) {
      processing = false;
      return;
    }
    if (error != null) {
      processing = false;
      LOGGER.warn(
          "Closing connection {} from {}: {}",
          connectionId,
          info.remoteAddress(),
          error.toString());
      ctx.close();
      return;
    }
    if (response.isEmpty()) {
      processing = false;
      processNext(ctx);
      return;
    }
    ChannelFuture written = ctx.writeAndFlush(new SendRegion(response.get()));
    written.addListener(
        f -> {
          processing = false;
          if (f.isSuccess()) {
            processNext(ctx);
          } else {
            LOGGER.debug(
                "Closing connection {}: writing a response failed: {}",
                connectionId,
                String.valueOf(f.cause()));
            ctx.close();
          }
        });
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      if (processing) {
        // Quiet because the client waits for us (a long-poll fetch, a group join): not idle.
        return;
      }
      LOGGER.info(
          "Closing connection {} from {}: idle longer than connections.max.idle.ms",
          connectionId,
          info == null ? ctx.channel().remoteAddress() : info.remoteAddress());
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    closed = true;
    pending.clear();
    pendingBytes = 0;
    if (info != null) {
      processor.connectionClosed(info);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof DecoderException) {
      // TooLongFrameException and CorruptedFrameException (negative size) are DecoderExceptions.
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
