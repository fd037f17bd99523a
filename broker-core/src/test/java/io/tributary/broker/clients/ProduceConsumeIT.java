package io.tributary.broker.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.testing.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unmodified Apache kafka-clients produce to and consume from broker-core. */
class ProduceConsumeIT {
  private static EmbeddedBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
  void recordsProducedWithEachCodecAreConsumedInOrder(String codec) throws Exception {
    // Given a topic with three partitions
    String topic = "codec-" + codec;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(topic, 3, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    // When 3,000 keyed records are produced with acks=all and idempotence off
    Properties producerProps = new Properties();
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    int count = 3_000;
    List<RecordMetadata> acks = new ArrayList<>();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
      List<java.util.concurrent.Future<RecordMetadata>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        futures.add(producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)));
      }
      for (var f : futures) {
        acks.add(f.get(30, TimeUnit.SECONDS));
      }
    }
    // Then every record is read back from the partition and offset it was acknowledged at
    Properties consumerProps = new Properties();
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(
          List.of(
              new TopicPartition(topic, 0),
              new TopicPartition(topic, 1),
              new TopicPartition(topic, 2)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (received.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
      }
    }
    assertThat(received).hasSize(count);
    Set<Integer> partitionsUsed = new java.util.HashSet<>();
    for (ConsumerRecord<String, String> record : received) {
      int i = Integer.parseInt(record.key().substring("key-".length()));
      assertThat(record.value()).isEqualTo("value-" + i);
      assertThat(record.partition()).isEqualTo(acks.get(i).partition());
      assertThat(record.offset()).isEqualTo(acks.get(i).offset());
      partitionsUsed.add(record.partition());
    }
    assertThat(partitionsUsed).containsExactlyInAnyOrder(0, 1, 2);
  }

  @org.junit.jupiter.api.Test
  void aConsumerSeeksByTimestampToTheFirstRecordAtOrAfterIt() throws Exception {
    // Given 300 records on one partition with timestamps 1,000 ms apart
    String topic = "seek-by-time";
    long base = 1_700_000_000_000L;
    Properties producerProps = new Properties();
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
        KafkaProducer<String, String> producer =
            new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      for (int i = 0; i < 300; i++) {
        producer.send(new ProducerRecord<>(topic, 0, base + i * 1_000L, "k" + i, "v" + i));
      }
      producer.flush();
    }
    Properties consumerProps = new Properties();
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      // When it looks up a timestamp between two records, one exactly on a record, and one past
      // the last record
      var between = consumer.offsetsForTimes(Map.of(tp, base + 150_500L)).get(tp);
      var exact = consumer.offsetsForTimes(Map.of(tp, base + 42_000L)).get(tp);
      var after = consumer.offsetsForTimes(Map.of(tp, base + 10_000_000L)).get(tp);
      // Then it gets the first record at or after the timestamp, or none
      assertThat(between.offset()).isEqualTo(151);
      assertThat(between.timestamp()).isEqualTo(base + 151_000L);
      assertThat(exact.offset()).isEqualTo(42);
      assertThat(after).isNull();
      // And seeking there reads from that record
      consumer.seek(tp, between.offset());
      List<ConsumerRecord<String, String>> read = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (read.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
      assertThat(read).isNotEmpty();
      assertThat(read.get(0).value()).isEqualTo("v151");
    }
  }
}
