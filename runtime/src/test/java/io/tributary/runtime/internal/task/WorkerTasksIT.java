package io.tributary.runtime.internal.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.internal.config.ClasspathTestPlugins;
import io.tributary.runtime.internal.errors.DeadLetterQueueReporter;
import io.tributary.runtime.internal.status.ConnectorTaskId;
import io.tributary.runtime.internal.status.State;
import io.tributary.runtime.internal.status.TargetState;
import io.tributary.runtime.internal.storage.FileOffsetStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source and sink tasks built by {@link WorkerTaskFactory}, against a real broker-core. */
class WorkerTasksIT {
  private static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
  private static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

  private static EmbeddedBroker broker;
  private static Admin admin;

  @TempDir Path tempDir;
  private FileOffsetStore offsets;
  private WorkerTaskFactory factory;
  private final List<WorkerTask> running = new ArrayList<>();
  private final Set<String> topicsUsed = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedBroker.start();
    admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
  }

  @AfterAll
  static void stopBroker() {
    admin.close();
    broker.close();
  }

  @BeforeEach
  void setUp() {
    offsets = FileOffsetStore.open(tempDir.resolve("offsets.json"));
    Map<String, String> worker = new HashMap<>();
    worker.put(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    worker.put(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, "200");
    worker.put("consumer.session.timeout.ms", "10000");
    factory =
        new WorkerTaskFactory(
            new WorkerConfig(worker), new ClasspathTestPlugins(), offsets, "test-worker");
  }

  @AfterEach
  void tearDown() {
    for (WorkerTask task : running) {
      task.stop();
    }
    for (WorkerTask task : running) {
      if (!task.awaitStop(30_000)) {
        task.cancel();
      }
    }
  }

  @Test
  void sourceRecordsFlowToSinkWithOffsetsCommitted() throws Exception {
    // Given a source that emits 200 records into a topic it creates with 2 partitions
    Map<String, String> source = sourceConfig("count-src", "flow", 200);
    source.put("topic.creation.default.replication.factor", "1");
    source.put("topic.creation.default.partitions", "2");
    RecordingStatusListener sourceStatus = new RecordingStatusListener();

    // When it runs
    WorkerTask sourceTask =
        start(
            source, CountingSourceConnector.CountingTask.class, sourceStatus, TargetState.STARTED);

    // Then every record is acknowledged and its offset stored
    await().atMost(30, TimeUnit.SECONDS).until(() -> storedPosition("count-src") == 199L);
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> CountingSourceConnector.COMMIT_RECORD_CALLS.get("count-src").get() == 200);
    assertThat(sourceStatus.states).startsWith(State.RUNNING);
    assertThat(topicsUsed).contains("flow");
    TopicDescription flow = admin.describeTopics(List.of("flow")).allTopicNames().get().get("flow");
    assertThat(flow.partitions()).hasSize(2);

    // And a sink reading the topic receives them all and commits to group connect-<name>
    Map<String, String> sink = sinkConfig("collect-sink", "flow");
    RecordingStatusListener sinkStatus = new RecordingStatusListener();
    WorkerTask sinkTask =
        start(sink, CollectingSinkConnector.CollectingTask.class, sinkStatus, TargetState.STARTED);
    await()
        .atMost(30, TimeUnit.SECONDS)
        .until(() -> CollectingSinkConnector.records("collect-sink").size() == 200);
    List<SinkRecord> received = CollectingSinkConnector.records("collect-sink");
    assertThat(received).extracting(r -> (String) r.value()).contains("value-0", "value-199");
    assertThat(received.get(0).originalTopic()).isEqualTo("flow");

    sinkTask.stop();
    assertThat(sinkTask.awaitStop(30_000)).isTrue();
    assertThat(sinkStatus.shutdown).isTrue();
    assertThat(committedTotal("connect-collect-sink")).isEqualTo(200L);

    sourceTask.stop();
    assertThat(sourceTask.awaitStop(30_000)).isTrue();
    assertThat(sourceStatus.failure).isNull();
  }

  @Test
  void restartedSourceResumesAfterItsCommittedOffset() {
    // Given a source that ran to the end of its 30 records
    Map<String, String> source = sourceConfig("resume-src", "resume", 30);
    WorkerTask first =
        start(
            source,
            CountingSourceConnector.CountingTask.class,
            new RecordingStatusListener(),
            TargetState.STARTED);
    await().atMost(30, TimeUnit.SECONDS).until(() -> storedPosition("resume-src") == 29L);
    first.stop();
    assertThat(first.awaitStop(30_000)).isTrue();

    // When the source is built again with 50 records
    source.put("count", "50");
    start(
        source,
        CountingSourceConnector.CountingTask.class,
        new RecordingStatusListener(),
        TargetState.STARTED);

    // Then it emits only the 20 new ones
    await().atMost(30, TimeUnit.SECONDS).until(() -> storedPosition("resume-src") == 49L);
    assertThat(CountingSourceConnector.COMMIT_RECORD_CALLS.get("resume-src").get()).isEqualTo(50);
  }

  @Test
  void pausedSourceStopsPollingUntilResumed() {
    // Given a slow, long source that is running
    Map<String, String> source = sourceConfig("pause-src", "pausing", 1_000_000);
    source.put("batch", "5");
    source.put("poll.delay.ms", "5");
    RecordingStatusListener status = new RecordingStatusListener();
    WorkerTask task =
        start(source, CountingSourceConnector.CountingTask.class, status, TargetState.STARTED);
    await().atMost(30, TimeUnit.SECONDS).until(() -> commitRecordCalls("pause-src") > 20);

    // When it is paused
    task.transitionTo(TargetState.PAUSED);

    // Then it reports PAUSED and emits nothing more
    await().atMost(10, TimeUnit.SECONDS).until(() -> status.last() == State.PAUSED);
    int[] last = {-1};
    await()
        .atMost(10, TimeUnit.SECONDS)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              int now = commitRecordCalls("pause-src");
              boolean same = now == last[0];
              last[0] = now;
              return same;
            });
    int paused = commitRecordCalls("pause-src");
    await()
        .during(Duration.ofMillis(600))
        .atMost(Duration.ofSeconds(3))
        .until(() -> commitRecordCalls("pause-src") == paused);

    // And when resumed it reports RUNNING and continues
    task.transitionTo(TargetState.STARTED);
    await().atMost(10, TimeUnit.SECONDS).until(() -> status.last() == State.RUNNING);
    await().atMost(10, TimeUnit.SECONDS).until(() -> commitRecordCalls("pause-src") > paused);
  }

  @Test
  void sinkStartedPausedConsumesNothingUntilResumed() throws Exception {
    // Given records in a topic and a sink that starts paused
    createTopic("paused-in");
    produce("paused-in", List.of("a", "b", "c"));
    RecordingStatusListener status = new RecordingStatusListener();
    WorkerTask task =
        start(
            sinkConfig("paused-sink", "paused-in"),
            CollectingSinkConnector.CollectingTask.class,
            status,
            TargetState.PAUSED);

    // Then it reports PAUSED and puts nothing
    await().atMost(10, TimeUnit.SECONDS).until(() -> status.last() == State.PAUSED);
    await()
        .during(Duration.ofMillis(600))
        .atMost(Duration.ofSeconds(3))
        .until(() -> CollectingSinkConnector.records("paused-sink").isEmpty());

    // When resumed, it receives the records
    task.transitionTo(TargetState.STARTED);
    await()
        .atMost(30, TimeUnit.SECONDS)
        .until(() -> CollectingSinkConnector.records("paused-sink").size() == 3);
    assertThat(status.last()).isEqualTo(State.RUNNING);

    // And pausing a running sink stops delivery of new records
    task.transitionTo(TargetState.PAUSED);
    await().atMost(10, TimeUnit.SECONDS).until(() -> status.last() == State.PAUSED);
    produce("paused-in", List.of("d"));
    await()
        .during(Duration.ofMillis(600))
        .atMost(Duration.ofSeconds(3))
        .until(() -> CollectingSinkConnector.records("paused-sink").size() == 3);
    task.transitionTo(TargetState.STARTED);
    await()
        .atMost(30, TimeUnit.SECONDS)
        .until(() -> CollectingSinkConnector.records("paused-sink").size() == 4);
  }

  @Test
  void sinkAppliesItsTransformationChainWithPredicates() throws Exception {
    // Given a chain that adds a header, then drops tombstones
    createTopic("chain-in");
    produce("chain-in", java.util.Arrays.asList("a", null, "c"));
    Map<String, String> sink = sinkConfig("chain-sink", "chain-in");
    sink.put("transforms", "via,dropTombstones");
    sink.put("transforms.via.type", "org.apache.kafka.connect.transforms.InsertHeader");
    sink.put("transforms.via.header", "via");
    sink.put("transforms.via.value.literal", "tributary");
    sink.put("transforms.dropTombstones.type", "org.apache.kafka.connect.transforms.Filter");
    sink.put("transforms.dropTombstones.predicate", "isTombstone");
    sink.put("predicates", "isTombstone");
    sink.put(
        "predicates.isTombstone.type",
        "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone");

    // When it runs
    WorkerTask task =
        start(
            sink,
            CollectingSinkConnector.CollectingTask.class,
            new RecordingStatusListener(),
            TargetState.STARTED);

    // Then the tombstone is dropped and the others carry the header
    await()
        .atMost(30, TimeUnit.SECONDS)
        .until(() -> CollectingSinkConnector.records("chain-sink").size() == 2);
    assertThat(CollectingSinkConnector.records("chain-sink"))
        .allSatisfy(r -> assertThat(r.headers().lastWithName("via").value()).isEqualTo("tributary"))
        .extracting(r -> (String) r.value())
        .containsExactly("a", "c");

    // And the dropped record's offset is committed too
    task.stop();
    assertThat(task.awaitStop(30_000)).isTrue();
    assertThat(committedTotal("connect-chain-sink")).isEqualTo(3L);
  }

  @Test
  void poisonRecordGoesToDeadLetterQueueWithContextHeadersWhileTheRestFlows() throws Exception {
    // Given a topic with a record the JSON converter cannot parse between two good ones
    createTopic("dlq-in");
    produce("dlq-in", List.of("{\"n\":1}", "not json", "{\"n\":3}"));
    Map<String, String> sink = sinkConfig("dlq-sink", "dlq-in");
    sink.put("value.converter", JSON_CONVERTER);
    sink.put("value.converter.schemas.enable", "false");
    sink.put("errors.tolerance", "all");
    sink.put("errors.log.enable", "true");
    sink.put("errors.deadletterqueue.topic.name", "dlq-out");
    sink.put("errors.deadletterqueue.topic.replication.factor", "1");
    sink.put("errors.deadletterqueue.context.headers.enable", "true");
    RecordingStatusListener status = new RecordingStatusListener();

    // When the sink runs
    WorkerTask task =
        start(sink, CollectingSinkConnector.CollectingTask.class, status, TargetState.STARTED);

    // Then the good records are put
    await()
        .atMost(30, TimeUnit.SECONDS)
        .until(() -> CollectingSinkConnector.records("dlq-sink").size() == 2);
    assertThat(CollectingSinkConnector.records("dlq-sink"))
        .extracting(r -> (Object) ((Map<?, ?>) r.value()).get("n"))
        .containsExactly((Object) 1L, (Object) 3L);

    // And the poison record is in the dead letter queue as consumed, with the error headers
    ConsumerRecord<byte[], byte[]> dead = consumeOne("dlq-out");
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not json");
    assertThat(header(dead, "origin")).isEqualTo("test");
    assertThat(header(dead, DeadLetterQueueReporter.ERROR_HEADER_ORIG_TOPIC)).isEqualTo("dlq-in");
    assertThat(header(dead, DeadLetterQueueReporter.ERROR_HEADER_ORIG_PARTITION)).isEqualTo("0");
    assertThat(header(dead, DeadLetterQueueReporter.ERROR_HEADER_ORIG_OFFSET)).isEqualTo("1");
    assertThat(header(dead, DeadLetterQueueReporter.ERROR_HEADER_CONNECTOR_NAME))
        .isEqualTo("dlq-sink");
    assertThat(header(dead, DeadLetterQueueReporter.ERROR_HEADER_TASK_ID)).isEqualTo("0");
    assertThat(header(dead, DeadLetterQueueReporter.ERROR_HEADER_STAGE))
        .isEqualTo("VALUE_CONVERTER");
    assertThat(header(dead, DeadLetterQueueReporter.ERROR_HEADER_EXECUTING_CLASS))
        .isEqualTo(JSON_CONVERTER);
    assertThat(header(dead, DeadLetterQueueReporter.ERROR_HEADER_EXCEPTION))
        .isEqualTo("org.apache.kafka.connect.errors.DataException");
    assertThat(header(dead, DeadLetterQueueReporter.ERROR_HEADER_EXCEPTION_MESSAGE)).isNotBlank();
    assertThat(header(dead, DeadLetterQueueReporter.ERROR_HEADER_EXCEPTION_STACK_TRACE))
        .contains("DataException");

    // And the skipped record's offset is committed with the rest
    task.stop();
    assertThat(task.awaitStop(30_000)).isTrue();
    assertThat(status.failure).isNull();
    assertThat(committedTotal("connect-dlq-sink")).isEqualTo(3L);
  }

  @Test
  void poisonRecordFailsTheTaskWhenNothingIsTolerated() throws Exception {
    // Given a poison record and errors.tolerance=none (the default)
    createTopic("strict-in");
    produce("strict-in", List.of("{\"n\":1}", "not json"));
    Map<String, String> sink = sinkConfig("strict-sink", "strict-in");
    sink.put("value.converter", JSON_CONVERTER);
    sink.put("value.converter.schemas.enable", "false");
    RecordingStatusListener status = new RecordingStatusListener();

    // When the sink runs
    WorkerTask task =
        start(sink, CollectingSinkConnector.CollectingTask.class, status, TargetState.STARTED);

    // Then the task fails with a trace naming the task, the stage and the cause, and stops
    await().atMost(30, TimeUnit.SECONDS).until(() -> status.failure != null);
    assertThat(status.last()).isEqualTo(State.FAILED);
    assertThat(status.failure)
        .hasMessageContaining("Tolerance exceeded in error handler")
        .hasMessageContaining("strict-sink-0")
        .hasMessageContaining("VALUE_CONVERTER")
        .hasCauseInstanceOf(org.apache.kafka.connect.errors.DataException.class);
    assertThat(task.awaitStop(30_000)).isTrue();
    assertThat(status.shutdown).isFalse();
  }

  @Test
  void retriablePutIsRetriedUntilItSucceeds() throws Exception {
    // Given a sink whose first two puts fail with a RetriableException
    createTopic("retry-in");
    produce("retry-in", List.of("a", "b", "c", "d"));
    Map<String, String> sink = sinkConfig("retry-sink", "retry-in");
    sink.put("retriable.failures", "2");
    RecordingStatusListener status = new RecordingStatusListener();

    // When it runs
    start(sink, CollectingSinkConnector.CollectingTask.class, status, TargetState.STARTED);

    // Then the batch is retried and every record is put exactly once
    await()
        .atMost(30, TimeUnit.SECONDS)
        .until(() -> CollectingSinkConnector.records("retry-sink").size() == 4);
    assertThat(CollectingSinkConnector.FAILED_PUTS.get("retry-sink").get()).isEqualTo(2);
    assertThat(CollectingSinkConnector.records("retry-sink"))
        .extracting(r -> (String) r.value())
        .containsExactly("a", "b", "c", "d");
    assertThat(status.failure).isNull();
  }

  @Test
  void recordsTheSinkReportsAsErrantGoToTheDeadLetterQueue() throws Exception {
    // Given a sink that rejects the value "b" through its errant record reporter
    createTopic("errant-in");
    produce("errant-in", List.of("a", "b", "c"));
    Map<String, String> sink = sinkConfig("errant-sink", "errant-in");
    sink.put("errant.value", "b");
    sink.put("errors.tolerance", "all");
    sink.put("errors.deadletterqueue.topic.name", "errant-dlq");
    sink.put("errors.deadletterqueue.topic.replication.factor", "1");
    sink.put("errors.deadletterqueue.context.headers.enable", "true");

    // When it runs
    RecordingStatusListener status = new RecordingStatusListener();
    start(sink, CollectingSinkConnector.CollectingTask.class, status, TargetState.STARTED);

    // Then the others are put and the rejected one is in the dead letter queue
    await()
        .atMost(30, TimeUnit.SECONDS)
        .until(() -> CollectingSinkConnector.records("errant-sink").size() == 2);
    ConsumerRecord<byte[], byte[]> dead = consumeOne("errant-dlq");
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("b");
    assertThat(header(dead, DeadLetterQueueReporter.ERROR_HEADER_STAGE)).isEqualTo("TASK_PUT");
    assertThat(header(dead, DeadLetterQueueReporter.ERROR_HEADER_ORIG_OFFSET)).isEqualTo("1");
    assertThat(header(dead, DeadLetterQueueReporter.ERROR_HEADER_EXCEPTION_MESSAGE))
        .isEqualTo("rejected by the sink");
    assertThat(status.failure).isNull();
  }

  @Test
  void failedSendIsSkippedWhenToleratedAndFailsTheTaskOtherwise() {
    // Given a source whose record 3 is larger than the producer accepts
    Map<String, String> tolerant = sourceConfig("send-tolerant", "sends", 10);
    tolerant.put("oversized.position", "3");
    tolerant.put("producer.override.max.request.size", "10000");
    tolerant.put("errors.tolerance", "all");

    // When it runs with errors.tolerance=all
    RecordingStatusListener status = new RecordingStatusListener();
    start(tolerant, CountingSourceConnector.CountingTask.class, status, TargetState.STARTED);

    // Then the record is skipped: commitRecord is called for all and every offset is committed
    await().atMost(30, TimeUnit.SECONDS).until(() -> storedPosition("send-tolerant") == 9L);
    await().atMost(10, TimeUnit.SECONDS).until(() -> commitRecordCalls("send-tolerant") == 10);
    assertThat(status.failure).isNull();

    // And with errors.tolerance=none the task fails without committing past the failed record
    Map<String, String> strict = new HashMap<>(tolerant);
    strict.put("name", "send-strict");
    strict.put("errors.tolerance", "none");
    RecordingStatusListener strictStatus = new RecordingStatusListener();
    start(strict, CountingSourceConnector.CountingTask.class, strictStatus, TargetState.STARTED);
    await().atMost(30, TimeUnit.SECONDS).until(() -> strictStatus.failure != null);
    assertThat(strictStatus.failure)
        .hasRootCauseInstanceOf(org.apache.kafka.common.errors.RecordTooLargeException.class);
    assertThat(storedPosition("send-strict")).isLessThan(3L);
  }

  private WorkerTask start(
      Map<String, String> connectorConfig,
      Class<?> taskClass,
      RecordingStatusListener listener,
      TargetState initial) {
    Map<String, String> taskConfig = new HashMap<>(connectorConfig);
    taskConfig.put(WorkerTaskFactory.TASK_CLASS_CONFIG, taskClass.getName());
    WorkerTask task =
        factory.create(
            new ConnectorTaskId(connectorConfig.get("name"), 0),
            connectorConfig,
            taskConfig,
            initial,
            listener,
            topicsUsed::add);
    running.add(task);
    Thread thread = new Thread(task, "task-" + task.id());
    thread.start();
    return task;
  }

  private static Map<String, String> sourceConfig(String name, String topic, int count) {
    Map<String, String> config = new HashMap<>();
    config.put("name", name);
    config.put("connector.class", CountingSourceConnector.class.getName());
    config.put("tasks.max", "1");
    config.put("topic", topic);
    config.put("count", Integer.toString(count));
    config.put("key.converter", STRING_CONVERTER);
    config.put("value.converter", STRING_CONVERTER);
    return config;
  }

  private static Map<String, String> sinkConfig(String name, String topics) {
    Map<String, String> config = new HashMap<>();
    config.put("name", name);
    config.put("connector.class", CollectingSinkConnector.class.getName());
    config.put("tasks.max", "1");
    config.put("topics", topics);
    config.put("key.converter", STRING_CONVERTER);
    config.put("value.converter", STRING_CONVERTER);
    return config;
  }

  private long storedPosition(String connector) {
    Map<Map<String, Object>, Map<String, Object>> all = offsets.all(connector);
    Map<String, Object> offset = all.get(Map.of("task", "0"));
    return offset == null ? -1L : ((Number) offset.get("position")).longValue();
  }

  private static int commitRecordCalls(String connector) {
    AtomicInteger calls = CountingSourceConnector.COMMIT_RECORD_CALLS.get(connector);
    return calls == null ? 0 : calls.get();
  }

  private static long committedTotal(String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    return committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
  }

  private static void createTopic(String topic) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
  }

  private static void produce(String topic, List<String> values) throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (String value : values) {
        ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>(
                topic, null, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        record.headers().add("origin", "test".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
      }
    }
  }

  private static ConsumerRecord<byte[], byte[]> consumeOne(String topic) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
      await()
          .atMost(30, TimeUnit.SECONDS)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
                return !found.isEmpty();
              });
      assertThat(found).hasSize(1);
      return found.get(0);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
    Header header = record.headers().lastHeader(key);
    assertThat(header).as("header " + key).isNotNull();
    return header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
