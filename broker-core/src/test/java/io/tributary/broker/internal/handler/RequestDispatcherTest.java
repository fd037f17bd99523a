package io.tributary.broker.internal.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.internal.network.ConnectionInfo;
import io.tributary.broker.testing.TestingProduceRequests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicCollection;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponse;
import org.apache.kafka.common.network.Send;
import org.apache.kafka.common.network.TransferableChannel;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;

/** The dispatcher turns every failure into the API's error response or a closed connection. */
class RequestDispatcherTest {
  private static final ConnectionInfo CONNECTION =
      new ConnectionInfo(
          "test-1",
          InetSocketAddress.createUnresolved("client", 1),
          InetSocketAddress.createUnresolved("broker", 2));

  /** A handler whose behaviour the test chooses. */
  private record FakeHandler<R extends AbstractRequest>(
      ApiKeys apiKey, java.util.function.Function<R, AbstractResponse> behaviour)
      implements ApiHandler<R> {
    @Override
    public ApiVersionRange versions() {
      return new ApiVersionRange(apiKey, apiKey.oldestVersion(), apiKey.latestVersion());
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, R request) {
      return CompletableFuture.completedFuture(behaviour.apply(request));
    }
  }

  private static RequestDispatcher dispatcher(ApiHandler<?>... handlers) {
    return new RequestDispatcher(List.of(handlers), Runnable::run, List.of());
  }

  private static Optional<Send> process(RequestDispatcher dispatcher, ByteBuffer frame)
      throws Exception {
    return dispatcher.process(CONNECTION, frame).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  /** Sends CreateTopics to a dispatcher whose handler throws {@code failure}. */
  private static CreateTopicsResponse createTopicsWithHandlerThrowing(RuntimeException failure)
      throws Exception {
    RequestDispatcher dispatcher =
        dispatcher(
            new FakeHandler<CreateTopicsRequest>(
                ApiKeys.CREATE_TOPICS,
                r -> {
                  throw failure;
                }));
    CreateTopicsRequest request = createTopics();
    return response(process(dispatcher, frame(request)), request);
  }

  private static ByteBuffer frame(AbstractRequest request) {
    return request.serializeWithHeader(
        new RequestHeader(request.apiKey(), request.version(), "test", 5));
  }

  private static <T extends AbstractResponse> T response(
      Optional<Send> send, AbstractRequest request) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WritableByteChannel channel = Channels.newChannel(out);
    TransferableChannel transferable =
        new TransferableChannel() {
          @Override
          public boolean hasPendingWrites() {
            return false;
          }

          @Override
          public long transferFrom(FileChannel fileChannel, long position, long count)
              throws IOException {
            return fileChannel.transferTo(position, count, channel);
          }

          @Override
          public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
              n += channel.write(srcs[i]);
            }
            return n;
          }

          @Override
          public long write(ByteBuffer[] srcs) throws IOException {
            return write(srcs, 0, srcs.length);
          }

          @Override
          public int write(ByteBuffer src) throws IOException {
            return channel.write(src);
          }

          @Override
          public boolean isOpen() {
            return true;
          }

          @Override
          public void close() {}
        };
    while (!send.orElseThrow().completed()) {
      send.get().writeTo(transferable);
    }
    ByteBuffer bytes = ByteBuffer.wrap(out.toByteArray());
    bytes.getInt();
    @SuppressWarnings("unchecked")
    T parsed =
        (T)
            AbstractResponse.parseResponse(
                bytes, new RequestHeader(request.apiKey(), request.version(), "test", 5));
    return parsed;
  }

  private static CreateTopicsRequest createTopics() {
    CreatableTopicCollection topics = new CreatableTopicCollection();
    topics.add(
        new CreatableTopic().setName("t").setNumPartitions(1).setReplicationFactor((short) 1));
    return new CreateTopicsRequest.Builder(new CreateTopicsRequestData().setTopics(topics))
        .build((short) 7);
  }

  private static ProduceRequest produce(short acks) {
    return TestingProduceRequests.produce(
        "t",
        0,
        MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(new byte[1])),
        acks,
        (short) 9);
  }

  /** A CreateTopics handler that declares itself non-blocking (or not) and notes its thread. */
  private record ThreadNotingHandler(boolean nonBlocking, List<Thread> servedOn)
      implements ApiHandler<CreateTopicsRequest> {
    @Override
    public ApiVersionRange versions() {
      return ApiVersionRange.of(
          ApiKeys.CREATE_TOPICS,
          ApiKeys.CREATE_TOPICS.oldestVersion(),
          ApiKeys.CREATE_TOPICS.latestVersion());
    }

    @Override
    public boolean nonBlocking(CreateTopicsRequest request) {
      return nonBlocking;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(
        RequestContext context, CreateTopicsRequest request) {
      servedOn.add(Thread.currentThread());
      return CompletableFuture.completedFuture(
          request.getErrorResponse(0, new IllegalStateException("served")));
    }
  }

  @Test
  void aNonBlockingRequestIsServedOnTheCallingThreadOthersOnTheRequestExecutor() {
    // Given an executor that only queues its tasks
    List<Runnable> queued = new java.util.ArrayList<>();
    List<Thread> inlineThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Thread> queuedThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
    RequestDispatcher inline =
        new RequestDispatcher(
            List.of(new ThreadNotingHandler(true, inlineThreads)), queued::add, List.of());
    RequestDispatcher offloaded =
        new RequestDispatcher(
            List.of(new ThreadNotingHandler(false, queuedThreads)), queued::add, List.of());

    // When each serves a request
    CompletableFuture<Optional<Send>> servedInline =
        inline.process(CONNECTION, frame(createTopics())).toCompletableFuture();
    CompletableFuture<Optional<Send>> servedLater =
        offloaded.process(CONNECTION, frame(createTopics())).toCompletableFuture();

    // Then the non-blocking one is answered on this thread, without the executor
    assertThat(servedInline).isCompleted();
    assertThat(inlineThreads).containsExactly(Thread.currentThread());
    // and the other waits for the executor
    assertThat(servedLater).isNotDone();
    assertThat(queuedThreads).isEmpty();
    assertThat(queued).hasSize(1);
    queued.get(0).run();
    assertThat(servedLater).isCompleted();
    assertThat(queuedThreads).hasSize(1);
  }

  @Test
  void aConfigExceptionBecomesInvalidConfig() throws Exception {
    CreateTopicsResponse response =
        createTopicsWithHandlerThrowing(
            new ConfigException("segment.bytes", "tiny", "not a number"));
    assertThat(response.errorCounts()).containsKey(Errors.INVALID_CONFIG);
  }

  @Test
  void anUnexpectedHandlerFailureIsAnErrorResponseNotAClosedConnection() throws Exception {
    CreateTopicsResponse response =
        createTopicsWithHandlerThrowing(new IllegalStateException("bug"));
    assertThat(response.errorCounts()).containsKey(Errors.UNKNOWN_SERVER_ERROR);
  }

  @Test
  void anApiWithoutHandlerOrAnUndecodableFrameClosesTheConnection() {
    RequestDispatcher dispatcher = dispatcher();
    assertThatThrownBy(() -> process(dispatcher, frame(createTopics())))
        .isInstanceOf(ExecutionException.class);
    assertThatThrownBy(() -> process(dispatcher, ByteBuffer.wrap(new byte[] {0, 3})))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void acksZeroGetsNoResponseAndAFailureClosesTheConnection() throws Exception {
    // Given a produce handler that fails the partition
    RequestDispatcher failing =
        dispatcher(
            new FakeHandler<ProduceRequest>(
                ApiKeys.PRODUCE, r -> produceResponse(Errors.NOT_LEADER_OR_FOLLOWER)));
    assertThatThrownBy(() -> process(failing, frame(produce((short) 0))))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("acks=0");
    // And a successful acks=0 produce gets no response at all
    RequestDispatcher succeeding =
        dispatcher(
            new FakeHandler<ProduceRequest>(ApiKeys.PRODUCE, r -> produceResponse(Errors.NONE)));
    assertThat(process(succeeding, frame(produce((short) 0)))).isEmpty();
    // While acks=1 errors travel in the response
    ProduceRequest acked = produce((short) 1);
    ProduceResponse response = response(process(failing, frame(acked)), acked);
    assertThat(response.errorCounts()).containsKey(Errors.NOT_LEADER_OR_FOLLOWER);
  }

  private static ProduceResponse produceResponse(Errors error) {
    ProduceResponseData data = new ProduceResponseData();
    TopicProduceResponse topic = new TopicProduceResponse().setName("t");
    topic
        .partitionResponses()
        .add(new PartitionProduceResponse().setIndex(0).setErrorCode(error.code()));
    data.responses().add(topic);
    return new ProduceResponse(data);
  }
}
