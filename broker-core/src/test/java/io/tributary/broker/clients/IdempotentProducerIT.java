package io.tributary.broker.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.broker.testing.TestingResponseDroppingProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Unmodified kafka-clients idempotent producers against broker-core. */
class IdempotentProducerIT {
  private static final Logger LOGGER = LoggerFactory.getLogger(IdempotentProducerIT.class);
  private static final int PARTITIONS = 3;

  private static void createTopic(EmbeddedBroker broker, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static KafkaProducer<String, String> idempotentProducer(EmbeddedBroker broker) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, "2048");
    props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "50");
    props.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
    props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  /** A record as acknowledged to the producer. */
  private record Ack(int partition, long offset) {}

  /**
   * Sends numbered records (value n, key n % 50) from its own thread until stopped, remembering
   * where each was acknowledged.
   */
  private static final class ContinuousSender {
    final Map<Integer, Ack> acked = new ConcurrentHashMap<>();
    final List<Exception> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger sent = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Semaphore inFlight = new Semaphore(2_000);
    private final Thread thread;

    ContinuousSender(EmbeddedBroker broker, String topic) {
      thread =
          new Thread(
              () -> {
                try (KafkaProducer<String, String> producer = idempotentProducer(broker)) {
                  for (int i = 0; !stop.get(); i++) {
                    inFlight.acquireUninterruptibly();
                    int n = i;
                    producer.send(
                        new ProducerRecord<>(topic, "key-" + (n % 50), Integer.toString(n)),
                        (RecordMetadata metadata, Exception error) -> {
                          if (error != null) {
                            failures.add(error);
                          } else {
                            acked.put(n, new Ack(metadata.partition(), metadata.offset()));
                          }
                          inFlight.release();
                        });
                    sent.incrementAndGet();
                  }
                  producer.flush();
                }
              },
              "idempotent-sender");
      thread.start();
    }

    void awaitAcked(int count) {
      await().atMost(Duration.ofSeconds(120)).until(() -> acked.size() >= count);
    }

    /** Stops sending, waits for every outstanding record to complete, closes the producer. */
    void stop() throws InterruptedException {
      stop.set(true);
      thread.join(TimeUnit.SECONDS.toMillis(150));
      assertThat(thread.isAlive()).isFalse();
    }
  }

  @Test
  void everyAcknowledgedRecordIsStoredExactlyOnceInOrderAcrossABrokerRestart() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      // Given a topic and an idempotent producer sending numbered records continuously
      String topic = "restart";
      createTopic(broker, topic);
      ContinuousSender sender = new ContinuousSender(broker, topic);
      sender.awaitAcked(5_000);
      // When the broker is stopped and started again on the same data directory mid-stream
      broker.restart();
      int ackedAtRestart = sender.acked.size();
      sender.awaitAcked(ackedAtRestart + 5_000);
      sender.stop();
      LOGGER.info(
          "Sent {} records, {} acknowledged when the broker restarted",
          sender.sent.get(),
          ackedAtRestart);
      // Then every record is acknowledged once and stored exactly once, in order
      assertStoredExactlyOnceInOrder(broker, topic, sender);
    }
  }

  @Test
  void batchesAppendedButNotAcknowledgedBeforeARestartAreNotStoredTwice() throws Exception {
    try (TestingResponseDroppingProxy proxy = new TestingResponseDroppingProxy();
        EmbeddedBroker broker =
            EmbeddedBroker.start(
                Map.of("advertised.listeners", "PLAINTEXT://127.0.0.1:" + proxy.port()))) {
      // Given an idempotent producer sending continuously through a proxy
      proxy.forwardTo(broker.broker().boundPort());
      String topic = "lost-acks";
      createTopic(broker, topic);
      ContinuousSender sender = new ContinuousSender(broker, topic);
      sender.awaitAcked(3_000);
      // And produce requests that reach the broker while their responses are lost
      proxy.dropResponses();
      await().atMost(Duration.ofSeconds(60)).until(() -> proxy.droppedProduceResponses() >= 3);
      // When the broker restarts and the producer reconnects and retries those batches
      broker.restart();
      proxy.resumeAndDisconnectAll();
      int ackedAtRestart = sender.acked.size();
      sender.awaitAcked(ackedAtRestart + 3_000);
      sender.stop();
      LOGGER.info(
          "Sent {} records, {} acknowledged at the restart, {} produce responses lost",
          sender.sent.get(),
          ackedAtRestart,
          proxy.droppedProduceResponses());
      // Then the retried batches were recognised: every record is stored exactly once, in order
      assertStoredExactlyOnceInOrder(broker, topic, sender);
    }
  }

  private static void assertStoredExactlyOnceInOrder(
      EmbeddedBroker broker, String topic, ContinuousSender sender) {
    // Every record sent was acknowledged and none failed
    assertThat(sender.failures).isEmpty();
    assertThat(sender.acked).hasSize(sender.sent.get());
    // The log holds each acknowledged record exactly once, at its acknowledged offset, in send
    // order within each partition
    Map<Integer, List<ConsumerRecord<String, String>>> byPartition = readAll(broker, topic);
    int total = byPartition.values().stream().mapToInt(List::size).sum();
    assertThat(total).isEqualTo(sender.sent.get());
    Map<Integer, Integer> seen = new HashMap<>();
    for (List<ConsumerRecord<String, String>> records : byPartition.values()) {
      int previous = -1;
      for (ConsumerRecord<String, String> record : records) {
        int n = Integer.parseInt(record.value());
        assertThat(seen.put(n, record.partition())).as("duplicate of %d", n).isNull();
        assertThat(n).as("order in partition %d", record.partition()).isGreaterThan(previous);
        previous = n;
        assertThat(sender.acked.get(n)).isEqualTo(new Ack(record.partition(), record.offset()));
      }
    }
    assertThat(seen.keySet()).isEqualTo(sender.acked.keySet());
  }

  private static Map<Integer, List<ConsumerRecord<String, String>>> readAll(
      EmbeddedBroker broker, String topic) {
    Map<Integer, List<ConsumerRecord<String, String>>> byPartition = new HashMap<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", broker.bootstrapServers()),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition(topic, p));
        byPartition.put(p, new ArrayList<>());
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(100))) {
                  byPartition.get(record.partition()).add(record);
                }
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
              });
    }
    return byPartition;
  }

  @Test
  void aTransactionalProducerFailsAtOnceInsteadOfWaitingForACoordinator() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      // Given a producer with a transactional.id (transactions are not supported yet)
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-1");
      props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
        // When it initialises transactions, then it gets a fatal error, not a timeout
        assertThatThrownBy(producer::initTransactions)
            .isInstanceOf(KafkaException.class)
            .isNotInstanceOf(TimeoutException.class);
      }
    }
  }
}
