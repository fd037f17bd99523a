package io.tributary.interop.kafka4;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Seeking by timestamp (offsetsForTimes) with kafka-clients 4.x against broker-core. */
class OffsetsForTimesIT extends BaseBrokerCoreIT {
  private static final long BASE = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final int RECORDS = 50;

  @Test
  void offsetsForTimesFindsTheFirstRecordAtOrAfterATimestampAndSeekReadsFromThere()
      throws Exception {
    // Given records with create times BASE, BASE + 1 s, ... in one partition, in small batches
    String topic = "timestamps";
    TopicPartition partition = new TopicPartition(topic, 0);
    createTopic(topic, 1);
    try (KafkaProducer<String, String> producer =
        Clients.producer(
            broker,
            Map.of(
                ProducerConfig.ACKS_CONFIG,
                "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                false,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256))) {
      for (int i = 0; i < RECORDS; i++) {
        producer
            .send(new ProducerRecord<>(topic, 0, BASE + i * 1000L, "k" + i, "v" + i))
            .get(30, TimeUnit.SECONDS);
      }
    }

    try (KafkaConsumer<String, String> consumer = Clients.consumer(broker)) {
      consumer.assign(List.of(partition));

      // When: a timestamp between records 17 and 18, one before all and one after all
      Map<TopicPartition, OffsetAndTimestamp> between =
          consumer.offsetsForTimes(Map.of(partition, BASE + 17_500L));
      Map<TopicPartition, OffsetAndTimestamp> beforeAll =
          consumer.offsetsForTimes(Map.of(partition, BASE - 60_000L));
      Map<TopicPartition, OffsetAndTimestamp> afterAll =
          consumer.offsetsForTimes(Map.of(partition, BASE + RECORDS * 1000L + 1));

      // Then
      assertThat(between.get(partition).offset()).isEqualTo(18);
      assertThat(between.get(partition).timestamp()).isEqualTo(BASE + 18_000L);
      assertThat(beforeAll.get(partition).offset()).isZero();
      assertThat(beforeAll.get(partition).timestamp()).isEqualTo(BASE);
      assertThat(afterAll.get(partition)).isNull();

      // And seeking there reads on from record 18
      consumer.seek(partition, between.get(partition).offset());
      List<ConsumerRecord<String, String>> read = new ArrayList<>();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (read.size() < RECORDS - 18 && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(500)).forEach(read::add);
      }
      assertThat(read).hasSize(RECORDS - 18);
      assertThat(read.get(0).offset()).isEqualTo(18);
      assertThat(read.get(0).value()).isEqualTo("v18");
      assertThat(read.get(0).timestamp()).isEqualTo(BASE + 18_000L);
      assertThat(read.get(read.size() - 1).value()).isEqualTo("v" + (RECORDS - 1));
    }
  }
}
