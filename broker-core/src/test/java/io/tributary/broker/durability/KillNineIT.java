package io.tributary.broker.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.durability.ContinuousProducer.Ack;
import io.tributary.broker.testing.BrokerProcess;
import io.tributary.broker.testing.TestingResponseDroppingProxy;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.record.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.FileRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * broker-core's data-safety promise against a real process killed with SIGKILL ({@code kill -9}),
 * with unmodified kafka-clients 3.9 producers and consumers.
 *
 * <p>What a {@code kill -9} proves: the process ends at an arbitrary instruction, no shutdown hook
 * runs and the broker neither flushes nor marks its data directory clean on the way out, but the OS
 * keeps every write the broker made (the page cache survives the process). So the mid-stream tests
 * show that nothing the broker acknowledged lived only in its memory, that recovery from an unclean
 * shutdown keeps what was written, and that producer state (idempotence) and committed group
 * offsets come back with the log. They do not simulate losing the page cache (a power cut), so they
 * cannot tell the two flush policies apart: the every-write run shows that the promise holds with
 * fsync on every append too, not that it survives a power cut. Losing unflushed bytes is what the
 * torn-write test simulates.
 */
class KillNineIT {
  private static final Logger LOGGER = LoggerFactory.getLogger(KillNineIT.class);

  private static final String TOPIC = "durability";
  private static final int PARTITIONS = 3;
  private static final Map<String, String> TOPIC_CONFIGS = Map.of("segment.bytes", "16384");
  private static final int SIGKILL_EXIT_CODE = 128 + 9;
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Duration EXIT = Duration.ofSeconds(30);
  private static final Duration ACKS = Duration.ofSeconds(90);
  private static final int RECORDS_BEFORE_KILL = 3_000;
  private static final int RECORDS_AFTER_RESTART = 3_000;

  /** The two flush policies the promise is made for. */
  enum FlushPolicy {
    /** The default: the OS decides when to write back. */
    OS_DEFAULT(Map.of()),
    /** Every append is fsynced before it is acknowledged. */
    EVERY_WRITE(Map.of("log.flush.interval.messages", "1"));

    final Map<String, String> settings;

    FlushPolicy(Map<String, String> settings) {
      this.settings = settings;
    }
  }

  @TempDir Path tmp;

  /**
   * Scenarios A (default flush policy) and B (every write fsynced): the broker killed mid-stream
   * and restarted on the same data directory and port while an idempotent producer and a consumer
   * group keep going. The clients reach the broker through a proxy that, just before the kill,
   * stops passing responses on: so the kill always comes when some batches are appended but their
   * acknowledgements lost, and the producer retries them after the restart (the retries the
   * recovered producer state must recognise).
   */
  @ParameterizedTest
  @EnumSource(FlushPolicy.class)
  void afterKillNineMidStreamNoAcknowledgedRecordIsLostOrDuplicatedAndTheGroupResumes(
      FlushPolicy policy) throws Exception {
    Path dataDir = tmp.resolve("data");
    String group = "durability-" + policy.name().toLowerCase();
    int port = freePort();
    try (TestingResponseDroppingProxy proxy = new TestingResponseDroppingProxy();
        BrokerProcess first = launch(brokerConfig(policy.settings, proxy), dataDir, port)) {
      proxy.forwardTo(port);
      String bootstrap = first.awaitListening(STARTUP);
      assertThat(bootstrap).isEqualTo("127.0.0.1:" + proxy.port());
      createTopic(bootstrap);
      try (ContinuousProducer producer = new ContinuousProducer(bootstrap, TOPIC);
          CommittingGroupConsumer consumer = new CommittingGroupConsumer(bootstrap, group, TOPIC)) {
        // Given an idempotent producer sending continuously and a group consuming and committing
        producer.awaitAcked(RECORDS_BEFORE_KILL, ACKS);
        await("a commit for every partition")
            .atMost(ACKS)
            .until(() -> consumer.committed().size() == PARTITIONS);
        // (commits paused, so that the offsets the broker acknowledged are known exactly)
        Map<Integer, Long> committedAtKill = consumer.holdCommits();

        // When produce responses stop reaching the producer (the broker appended those batches)
        proxy.dropResponses();
        await("a produce response dropped")
            .atMost(ACKS)
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(1))
            .until(() -> proxy.droppedProduceResponses() > 0);
        // and the broker is killed with SIGKILL at once, mid-stream
        int exitCode = first.kill(EXIT);
        proxy.resumeAndDisconnectAll();
        Map<Integer, Ack> ackedAtKill = Map.copyOf(producer.acked());
        assertThat(exitCode).as("exit code of a SIGKILLed JVM").isEqualTo(SIGKILL_EXIT_CODE);
        // (its files hold every record acknowledged so far, and the batches whose
        // acknowledgements were dropped: the producer retries those after the restart)
        Map<Integer, Long> storedAtKill = storedEndOffsets(dataDir);
        ackedAtKill.forEach(
            (n, ack) ->
                assertThat(ack.offset())
                    .as("record %d, acknowledged before the kill, in the files", n)
                    .isLessThan(storedAtKill.get(ack.partition())));
        long unacknowledgedAtKill =
            storedAtKill.values().stream().mapToLong(Long::longValue).sum() - ackedAtKill.size();
        assertThat(unacknowledgedAtKill).as("records appended but not acknowledged").isPositive();
        // and started again on the same data directory and port
        try (BrokerProcess second = launch(brokerConfig(policy.settings, proxy), dataDir, port)) {
          assertThat(second.awaitListening(STARTUP)).isEqualTo(bootstrap);
          assertThat(second.outputText()).contains("No clean shutdown marker");

          // Then the group's committed offsets are those acknowledged before the kill
          assertThat(committedOffsets(bootstrap, group)).isEqualTo(committedAtKill);
          // (the broker restores the group's members, so the consumer that lived through the
          // crash goes on from its position; a new instance shows where the group resumes)
          consumer.replace(STARTUP);
          consumer.releaseCommits();
          // and producing goes on where it stopped
          producer.awaitAcked(ackedAtKill.size() + RECORDS_AFTER_RESTART, ACKS);
          producer.stop();
          LOGGER.info(
              "{}: {} records sent, {} acknowledged before the kill, {} more appended but not yet"
                  + " acknowledged at the kill, {} records retried by the producer",
              policy,
              producer.sent(),
              ackedAtKill.size(),
              unacknowledgedAtKill,
              producer.retries());

          // and every acknowledged record is stored exactly once, in send order
          assertEveryAcknowledgedRecordStoredOnceInSendOrder(bootstrap, producer);
          // and the group resumed from its committed offsets: it saw every record, and none
          // below the offsets committed at the kill twice
          assertGroupSawEverythingAtLeastOnce(bootstrap, consumer, committedAtKill);
          assertThat(consumer.firstDeliveredAfterReplacement()).isEqualTo(committedAtKill);
          LOGGER.info(
              "{}: group assigned {} times, {} commits failed",
              policy,
              consumer.assignments(),
              consumer.failedCommits());
          assertThat(second.terminate(EXIT)).isIn(0, 143);
        }
      }
    }
  }

  /**
   * Scenario C, a torn write: after {@code kill -9} the last batch of one partition is cut at a
   * random byte, as a machine crash can leave a file whose last writes were not yet written back
   * (the default flush policy acknowledges before that). This proves recovery to a consistent
   * prefix: the broker starts, drops the torn batch, keeps every batch before it intact and
   * readable, and appends new records at the recovered end. It does not claim the torn batch's
   * records survive: under the default policy a machine crash may lose acknowledged writes (see
   * log.flush.interval.messages).
   */
  @Test
  void aTornLastBatchIsDroppedAndTheLogRecoversToTheBatchesBeforeIt() throws Exception {
    long seed = Long.getLong("killnine.seed", System.nanoTime());
    System.out.println(
        "KillNineIT torn write: seed " + seed + " (rerun: -Dkillnine.seed=" + seed + ")");
    Random random = new Random(seed);
    Path dataDir = tmp.resolve("data");
    Path config = brokerConfig(Map.of());
    String bootstrap;
    int port;
    Map<Integer, Ack> acked;
    try (BrokerProcess first = launch(config, dataDir, 0)) {
      bootstrap = first.awaitListening(STARTUP);
      port = first.port();
      createTopic(bootstrap);
      // Given acknowledged records in every partition
      try (ContinuousProducer producer = new ContinuousProducer(bootstrap, TOPIC)) {
        producer.awaitAcked(RECORDS_BEFORE_KILL, ACKS);
        producer.stop();
        assertThat(producer.failed()).isEmpty();
        acked = Map.copyOf(producer.acked());
      }
      // When the broker is killed
      assertThat(first.kill(EXIT)).isEqualTo(SIGKILL_EXIT_CODE);
    }
    // and the last batch of one partition's active segment is cut at a random byte inside it
    int torn = random.nextInt(PARTITIONS);
    Path segment = activeSegment(dataDir.resolve(TOPIC + "-" + torn));
    BatchPosition last = lastBatch(segment);
    long cut = last.position() + 1 + random.nextInt(last.sizeInBytes() - 1);
    try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      file.truncate(cut);
    }
    System.out.printf(
        "KillNineIT torn write: partition %d, segment %s, last batch offsets %d..%d at bytes"
            + " %d..%d, cut at byte %d%n",
        torn,
        segment.getFileName(),
        last.baseOffset(),
        last.lastOffset(),
        last.position(),
        last.position() + last.sizeInBytes(),
        cut);
    try (BrokerProcess second = launch(config, dataDir, port)) {
      // Then the broker starts, cutting the torn batch away
      assertThat(second.awaitListening(STARTUP)).isEqualTo(bootstrap);
      assertThat(second.outputText())
          .contains("Recovered " + TOPIC + "-" + torn + " after an unclean shutdown: truncated");
      // and the torn partition ends where the torn batch began; every batch before it reads back
      // as acknowledged, and the other partitions are whole
      assertThat(TopicReader.endOffsets(bootstrap, TOPIC, PARTITIONS).get(torn))
          .isEqualTo(last.baseOffset());
      Map<Integer, List<ConsumerRecord<String, String>>> log =
          TopicReader.readAll(bootstrap, TOPIC, PARTITIONS);
      for (int p = 0; p < PARTITIONS; p++) {
        long end = p == torn ? last.baseOffset() : Long.MAX_VALUE;
        assertThat(offsetsAndValues(log.get(p)))
            .as("partition %d", p)
            .isEqualTo(acknowledgedOffsetsAndValues(acked, p, end));
      }
      assertThat(log.get(torn)).isNotEmpty();
      // and new records are appended at the recovered end
      try (KafkaProducer<String, String> producer =
          ContinuousProducer.idempotentProducer(bootstrap)) {
        RecordMetadata appended =
            producer
                .send(new ProducerRecord<>(TOPIC, torn, "after-recovery", "after-recovery"))
                .get(60, TimeUnit.SECONDS);
        assertThat(appended.offset()).isEqualTo(last.baseOffset());
      }
      List<ConsumerRecord<String, String>> after =
          TopicReader.readAll(bootstrap, TOPIC, PARTITIONS).get(torn);
      assertThat(after).hasSize(log.get(torn).size() + 1);
      assertThat(after.get(after.size() - 1).value()).isEqualTo("after-recovery");
      assertThat(second.terminate(EXIT)).isIn(0, 143);
    }
  }

  private static void assertEveryAcknowledgedRecordStoredOnceInSendOrder(
      String bootstrap, ContinuousProducer producer) {
    assertThat(producer.failed()).as("sends that failed").isEmpty();
    assertThat(producer.acked()).hasSize(producer.sent());
    Map<Integer, Ack> stored = new HashMap<>();
    Map<Integer, List<ConsumerRecord<String, String>>> log =
        TopicReader.readAll(bootstrap, TOPIC, PARTITIONS);
    for (int p = 0; p < PARTITIONS; p++) {
      int previous = -1;
      for (ConsumerRecord<String, String> record : log.get(p)) {
        int n = Integer.parseInt(record.value());
        assertThat(stored.put(n, new Ack(p, record.offset())))
            .as("record %d stored twice (again at partition %d offset %d)", n, p, record.offset())
            .isNull();
        assertThat(record.key()).isEqualTo(ContinuousProducer.key(n));
        // One producer, so send order within a partition is each key's sequence order too
        assertThat(n)
            .as("send order of partition %d at offset %d", p, record.offset())
            .isGreaterThan(previous);
        previous = n;
      }
    }
    List<String> lost = new ArrayList<>();
    producer.acked().entrySet().stream()
        .filter(e -> !e.getValue().equals(stored.get(e.getKey())))
        .sorted(Map.Entry.comparingByKey())
        .limit(20)
        .forEach(
            e ->
                lost.add(
                    e.getKey()
                        + " acked at "
                        + e.getValue()
                        + ", stored at "
                        + stored.get(e.getKey())));
    assertThat(lost).as("acknowledged records not stored where acknowledged (first 20)").isEmpty();
    assertThat(stored).hasSameSizeAs(producer.acked());
  }

  private static void assertGroupSawEverythingAtLeastOnce(
      String bootstrap, CommittingGroupConsumer consumer, Map<Integer, Long> committedAtKill)
      throws InterruptedException {
    Map<Integer, Long> ends = TopicReader.endOffsets(bootstrap, TOPIC, PARTITIONS);
    await("the group to receive every record up to " + ends)
        .atMost(ACKS)
        .until(
            () -> {
              if (consumer.failure() != null) {
                throw new AssertionError("The group consumer failed", consumer.failure());
              }
              return ends.entrySet().stream()
                  .allMatch(e -> consumer.distinctDelivered(e.getKey()) >= e.getValue());
            });
    consumer.stop();
    assertThat(consumer.failure()).isNull();
    int redelivered = 0;
    for (int p = 0; p < PARTITIONS; p++) {
      long end = ends.get(p);
      long committed = committedAtKill.get(p);
      Map<Long, Integer> deliveries = consumer.deliveries(p);
      assertThat(deliveries.keySet()).allMatch(offset -> offset >= 0 && offset < end);
      assertThat(deliveries).hasSize((int) end);
      List<Long> committedDeliveredAgain =
          deliveries.entrySet().stream()
              .filter(e -> e.getValue() > 1 && e.getKey() < committed)
              .map(Map.Entry::getKey)
              .sorted()
              .limit(20)
              .toList();
      assertThat(committedDeliveredAgain)
          .as("offsets of partition %d below its committed offset %d delivered again", p, committed)
          .isEmpty();
      redelivered += (int) deliveries.values().stream().filter(count -> count > 1).count();
    }
    LOGGER.info(
        "Group: committed at the kill {}, {} uncommitted records delivered again",
        committedAtKill,
        redelivered);
  }

  private static List<String> offsetsAndValues(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(r -> r.offset() + "=" + r.value()).toList();
  }

  private static List<String> acknowledgedOffsetsAndValues(
      Map<Integer, Ack> acked, int partition, long end) {
    return acked.entrySet().stream()
        .filter(e -> e.getValue().partition() == partition && e.getValue().offset() < end)
        .sorted(Comparator.comparingLong(e -> e.getValue().offset()))
        .map(e -> e.getValue().offset() + "=" + e.getKey())
        .toList();
  }

  /** Broker settings announcing the proxy as the broker's address. */
  private Path brokerConfig(Map<String, String> settings, TestingResponseDroppingProxy proxy)
      throws IOException {
    Map<String, String> all = new HashMap<>(settings);
    all.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + proxy.port());
    return brokerConfig(all);
  }

  private Path brokerConfig(Map<String, String> settings) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("group.initial.rebalance.delay.ms", "0");
    settings.forEach(properties::setProperty);
    Path file = tmp.resolve("broker.properties");
    try (Writer out = Files.newBufferedWriter(file)) {
      properties.store(out, "KillNineIT");
    }
    return file;
  }

  /** A loopback port free right now (the broker binds it moments later, and again on restart). */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static BrokerProcess launch(Path config, Path dataDir, int port) {
    return BrokerProcess.launch(
        "--config",
        config.toString(),
        "--data-dir",
        dataDir.toString(),
        "--listen",
        "127.0.0.1:" + port);
  }

  private static void createTopic(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1).configs(TOPIC_CONFIGS)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static Map<Integer, Long> committedOffsets(String bootstrap, String group)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Map<Integer, Long> offsets = new HashMap<>();
      admin
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS)
          .forEach((tp, offset) -> offsets.put(tp.partition(), offset.offset()));
      return offsets;
    }
  }

  /** The end offset of each partition as its segment files say (read while no broker runs). */
  private static Map<Integer, Long> storedEndOffsets(Path dataDir) throws IOException {
    Map<Integer, Long> ends = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      long end = 0;
      List<Path> segments;
      try (Stream<Path> files = Files.list(dataDir.resolve(TOPIC + "-" + p))) {
        segments = files.filter(f -> f.getFileName().toString().endsWith(".log")).toList();
      }
      for (Path segment : segments) {
        try (FileRecords records = FileRecords.open(segment.toFile())) {
          for (FileChannelRecordBatch batch : records.batches()) {
            end = Math.max(end, batch.nextOffset());
          }
        }
      }
      ends.put(p, end);
    }
    return ends;
  }

  /** The segment with the highest base offset in a partition directory. */
  private static Path activeSegment(Path partitionDir) throws IOException {
    try (Stream<Path> files = Files.list(partitionDir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".log"))
          .max(Comparator.comparing(p -> p.getFileName().toString()))
          .orElseThrow(() -> new AssertionError("no segment in " + partitionDir));
    }
  }

  /** Where a batch lies in a segment file. */
  private record BatchPosition(long baseOffset, long lastOffset, int position, int sizeInBytes) {}

  private static BatchPosition lastBatch(Path segment) throws IOException {
    BatchPosition last = null;
    try (FileRecords records = FileRecords.open(segment.toFile())) {
      for (FileChannelRecordBatch batch : records.batches()) {
        last =
            new BatchPosition(
                batch.baseOffset(), batch.lastOffset(), batch.position(), batch.sizeInBytes());
      }
    }
    if (last == null) {
      throw new AssertionError("no batch in " + segment);
    }
    return last;
  }
}
