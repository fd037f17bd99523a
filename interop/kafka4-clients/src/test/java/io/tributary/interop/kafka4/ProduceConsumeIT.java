package io.tributary.interop.kafka4;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Apache kafka-clients 4.x producer and consumer against broker-core in its own process: every
 * acknowledged record is read back with assign() at the offset the broker acknowledged, with every
 * compression codec.
 */
class ProduceConsumeIT extends BaseBrokerCoreIT {
  private static final int RECORDS = 2_000;
  private static final int PARTITIONS = 3;

  @ParameterizedTest(name = "compression.type={0}")
  @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
  void idempotentProducerWithAcksAllIsReadBackAtTheAcknowledgedOffsets(String codec)
      throws Exception {
    // Given
    String topic = "idempotent-" + codec;
    createTopic(topic, PARTITIONS);
    Map<String, Object> producerConfig =
        Map.of(
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            codec,
            ProducerConfig.LINGER_MS_CONFIG,
            5);

    // When
    Map<TopicPartition, Map<Long, String>> acknowledged = produce(topic, producerConfig);

    // Then
    assertReadBackAtAcknowledgedOffsets(topic, acknowledged);
  }

  @ParameterizedTest(name = "compression.type={0}")
  @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
  void producerWithoutIdempotenceIsReadBackAtTheAcknowledgedOffsets(String codec) throws Exception {
    // Given
    String topic = "plain-" + codec;
    createTopic(topic, PARTITIONS);
    Map<String, Object> producerConfig =
        Map.of(
            ProducerConfig.ACKS_CONFIG,
            "1",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            false,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            codec,
            ProducerConfig.LINGER_MS_CONFIG,
            5);

    // When
    Map<TopicPartition, Map<Long, String>> acknowledged = produce(topic, producerConfig);

    // Then
    assertReadBackAtAcknowledgedOffsets(topic, acknowledged);
  }

  /** Sends RECORDS records with distinct keys; returns value by offset by partition, as acked. */
  private static Map<TopicPartition, Map<Long, String>> produce(
      String topic, Map<String, Object> producerConfig) throws Exception {
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    List<String> values = new ArrayList<>();
    try (KafkaProducer<String, String> producer = Clients.producer(broker, producerConfig)) {
      for (int i = 0; i < RECORDS; i++) {
        String value = "value-" + i + "-" + "x".repeat(i % 97);
        values.add(value);
        sends.add(producer.send(new ProducerRecord<>(topic, "key-" + i, value)));
      }
      producer.flush();
    }
    Map<TopicPartition, Map<Long, String>> acknowledged = new HashMap<>();
    for (int i = 0; i < RECORDS; i++) {
      RecordMetadata metadata = sends.get(i).get(30, TimeUnit.SECONDS);
      assertThat(metadata.hasOffset()).isTrue();
      Map<Long, String> byOffset =
          acknowledged.computeIfAbsent(
              new TopicPartition(metadata.topic(), metadata.partition()), tp -> new HashMap<>());
      assertThat(byOffset.put(metadata.offset(), values.get(i)))
          .as(
              "offset %d of partition %d acknowledged twice",
              metadata.offset(), metadata.partition())
          .isNull();
    }
    return acknowledged;
  }

  private static void assertReadBackAtAcknowledgedOffsets(
      String topic, Map<TopicPartition, Map<Long, String>> acknowledged) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      partitions.add(new TopicPartition(topic, p));
    }
    Map<TopicPartition, Map<Long, String>> read = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = Clients.consumer(broker)) {
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      int total = 0;
      while (total < RECORDS && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          read.computeIfAbsent(
                  new TopicPartition(record.topic(), record.partition()), tp -> new HashMap<>())
              .put(record.offset(), record.value());
          total++;
        }
      }
      // Nothing beyond what was acknowledged: the end offsets are the acknowledged counts.
      Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions);
      for (TopicPartition partition : partitions) {
        long count = acknowledged.getOrDefault(partition, Map.of()).size();
        assertThat(endOffsets.get(partition)).as("end offset of %s", partition).isEqualTo(count);
      }
    }
    assertThat(read).isEqualTo(acknowledged);
    // Offsets in each partition are dense from 0.
    for (Map.Entry<TopicPartition, Map<Long, String>> entry : acknowledged.entrySet()) {
      int count = entry.getValue().size();
      for (long offset = 0; offset < count; offset++) {
        assertThat(entry.getValue()).as("%s", entry.getKey()).containsKey(offset);
      }
    }
  }
}
