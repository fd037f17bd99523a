package io.tributary.broker.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.network.ByteBufferSend;
import org.apache.kafka.common.network.Send;
import org.junit.jupiter.api.Test;

/** The connection pipeline driven through Netty's EmbeddedChannel, without sockets. */
class ConnectionPipelineTest {
  private static final int MAX_REQUEST = 1024 * 1024;

  /** Records each request and lets the test decide when (and how) it completes. */
  private static final class ControlledProcessor implements RequestProcessor {
    final List<ByteBuffer> requests = new ArrayList<>();
    final List<CompletableFuture<Optional<Send>>> results = new ArrayList<>();
    final AtomicInteger closed = new AtomicInteger();

    @Override
    public CompletionStage<Optional<Send>> process(ConnectionInfo connection, ByteBuffer frame) {
      requests.add(frame);
      CompletableFuture<Optional<Send>> result = new CompletableFuture<>();
      results.add(result);
      return result;
    }

    @Override
    public void connectionClosed(ConnectionInfo connection) {
      closed.incrementAndGet();
    }

    void respond(int index) {
      ByteBuffer body = ByteBuffer.allocate(8).putInt(4).putInt(index);
      body.flip();
      results.get(index).complete(Optional.of(ByteBufferSend.sizePrefixed(body)));
    }
  }

  /** Remembers the largest buffer anyone asked this allocator for. */
  private static final class RecordingAllocator extends AbstractByteBufAllocator {
    final AtomicLong largest = new AtomicLong();

    RecordingAllocator() {
      super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
      largest.accumulateAndGet(initialCapacity, Math::max);
      return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
      largest.accumulateAndGet(initialCapacity, Math::max);
      return new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }
  }

  private static EmbeddedChannel channel(RequestProcessor processor, long idleMs) {
    return new EmbeddedChannel(new KafkaChannelInitializer(processor, MAX_REQUEST, idleMs));
  }

  private static ByteBuf frame(int size, int fill) {
    ByteBuf buf = Unpooled.buffer(4 + size);
    buf.writeInt(size);
    for (int i = 0; i < size; i++) {
      buf.writeByte(fill);
    }
    return buf;
  }

  @Test
  void aSizePrefixAboveTheLimitClosesAtOnce() {
    // Given a connection
    ControlledProcessor processor = new ControlledProcessor();
    EmbeddedChannel channel = channel(processor, 0);
    // When only a size prefix one byte over socket.request.max.bytes arrives
    channel.writeInbound(Unpooled.buffer(4).writeInt(MAX_REQUEST + 1));
    // Then the connection is closed without waiting for the body
    assertThat(channel.isOpen()).isFalse();
    assertThat(processor.requests).isEmpty();
    assertThat(processor.closed).hasValue(1);
  }

  @Test
  void aRequestOfExactlyTheLimitIsAccepted() {
    ControlledProcessor processor = new ControlledProcessor();
    EmbeddedChannel channel = channel(processor, 0);
    channel.writeInbound(frame(MAX_REQUEST, 7));
    assertThat(channel.isOpen()).isTrue();
    assertThat(processor.requests)
        .singleElement()
        .satisfies(r -> assertThat(r.remaining()).isEqualTo(MAX_REQUEST));
  }

  @Test
  void negativeAndMaximalSizePrefixesClose() {
    for (int size : new int[] {-1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      ControlledProcessor processor = new ControlledProcessor();
      EmbeddedChannel channel = channel(processor, 0);
      channel.writeInbound(Unpooled.buffer(4).writeInt(size));
      assertThat(channel.isOpen()).as("size %d", size).isFalse();
      assertThat(processor.requests).isEmpty();
    }
  }

  @Test
  void anAnnouncedFrameIsNotAllocatedUpFront() {
    // Given a broker accepting 100 MB requests, on a channel whose allocations are recorded
    ControlledProcessor processor = new ControlledProcessor();
    RecordingAllocator allocator = new RecordingAllocator();
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.config().setAllocator(allocator);
    channel.pipeline().addLast(new KafkaChannelInitializer(processor, 100 * 1024 * 1024, 0));
    // When a client announces a 100 MB frame and sends only 1 kB of it, in pieces
    ByteBuf prefix = allocator.heapBuffer(4).writeInt(100 * 1024 * 1024);
    channel.writeInbound(prefix);
    for (int i = 0; i < 4; i++) {
      channel.writeInbound(allocator.heapBuffer(256).writeZero(256));
    }
    // Then the connection waits for the rest, having buffered only what arrived
    assertThat(channel.isOpen()).isTrue();
    assertThat(processor.requests).isEmpty();
    assertThat(allocator.largest.get()).isLessThan(64 * 1024);
    channel.close();
  }

  @Test
  void requestsAreProcessedOneAtATimeAndAnsweredInOrder() {
    // Given three requests arriving together
    ControlledProcessor processor = new ControlledProcessor();
    EmbeddedChannel channel = channel(processor, 0);
    ByteBuf three = Unpooled.buffer();
    three.writeBytes(frame(3, 1)).writeBytes(frame(3, 2)).writeBytes(frame(3, 3));
    channel.writeInbound(three);
    // Then only the first is processed until its response has been written
    assertThat(processor.requests).hasSize(1);
    processor.respond(0);
    channel.runPendingTasks();
    assertThat(processor.requests).hasSize(2);
    assertThat(processor.requests.get(1).get(0)).isEqualTo((byte) 2);
    processor.respond(1);
    channel.runPendingTasks();
    processor.respond(2);
    channel.runPendingTasks();
    // And the responses went out in request order
    List<Object> written = new ArrayList<>();
    Object out;
    while ((out = channel.readOutbound()) != null) {
      written.add(out);
    }
    assertThat(written).hasSize(3);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aFailedOrThrowingProcessorClosesOnlyThatConnection() {
    ControlledProcessor failing = new ControlledProcessor();
    EmbeddedChannel first = channel(failing, 0);
    first.writeInbound(frame(3, 1));
    failing.results.get(0).completeExceptionally(new IllegalStateException("boom"));
    first.runPendingTasks();
    assertThat(first.isOpen()).isFalse();

    RequestProcessor throwing =
        (connection, frame) -> {
          throw new IllegalArgumentException("cannot decode");
        };
    EmbeddedChannel second = channel(throwing, 0);
    second.writeInbound(frame(3, 1));
    assertThat(second.isOpen()).isFalse();

    ControlledProcessor healthy = new ControlledProcessor();
    EmbeddedChannel third = channel(healthy, 0);
    third.writeInbound(frame(3, 1));
    healthy.respond(0);
    third.runPendingTasks();
    assertThat(third.isOpen()).isTrue();
    assertThat((Object) third.readOutbound()).isNotNull();
  }

  @Test
  void readingPausesWhileTooMuchIsQueuedAndResumesWhenDrained() {
    // Given a request that takes long to process
    ControlledProcessor processor = new ControlledProcessor();
    EmbeddedChannel channel = channel(processor, 0);
    // When a client pipelines more requests than the queue takes
    ByteBuf many = Unpooled.buffer();
    for (int i = 0; i <= ConnectionHandler.MAX_QUEUED_REQUESTS; i++) {
      many.writeBytes(frame(3, i));
    }
    channel.writeInbound(many);
    // Then the broker stops reading from the socket
    assertThat(channel.config().isAutoRead()).isFalse();
    // And reads again once the queue has drained to half
    for (int i = 0; i < ConnectionHandler.MAX_QUEUED_REQUESTS / 2 + 1; i++) {
      processor.respond(i);
      channel.runPendingTasks();
    }
    assertThat(channel.config().isAutoRead()).isTrue();
  }

  @Test
  void aResponseForAClosedConnectionIsDropped() {
    ControlledProcessor processor = new ControlledProcessor();
    EmbeddedChannel channel = channel(processor, 0);
    channel.writeInbound(frame(3, 1));
    channel.close();
    processor.respond(0);
    channel.runPendingTasks();
    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(processor.closed).hasValue(1);
  }
}
