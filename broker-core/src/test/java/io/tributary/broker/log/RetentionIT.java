package io.tributary.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Retention by time and by size removes whole old segments; consumers start at the new start. */
class RetentionIT {
  private static final Map<String, String> BROKER =
      Map.of("log.retention.check.interval.ms", "100");

  @Test
  void segmentsOlderThanRetentionMsAreDeleted() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(BROKER)) {
      String bootstrap = broker.bootstrapServers();
      TopicPartition tp = new TopicPartition("by-time", 0);
      // Given a topic keeping one hour, with records an old producer stamped two hours ago
      Clients.createTopic(
          bootstrap, tp.topic(), Map.of("retention.ms", "3600000", "segment.bytes", "2048"));
      long now = System.currentTimeMillis();
      List<ProducerRecord<String, String>> old = new ArrayList<>();
      List<ProducerRecord<String, String>> recent = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        old.add(new ProducerRecord<>(tp.topic(), 0, now - 7_200_000L, "k" + i, "old-" + i));
        recent.add(new ProducerRecord<>(tp.topic(), 0, now, "k" + i, "new-" + i));
      }
      long firstRecent;
      try (KafkaProducer<String, String> producer = Clients.producer(bootstrap)) {
        Clients.send(producer, old);
        List<RecordMetadata> acks = Clients.send(producer, recent);
        firstRecent = acks.get(0).offset();
      }
      // When retention runs, then the old segments go and the log start offset moves up to them
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Clients.earliest(bootstrap, tp) > firstRecent - 100);
      long start = Clients.earliest(bootstrap, tp);
      assertThat(start).isLessThanOrEqualTo(firstRecent);
      // and a consumer from the earliest offset starts there and reads every recent record
      List<ConsumerRecord<String, String>> read = Clients.readAll(bootstrap, tp);
      assertThat(read.get(0).offset()).isEqualTo(start);
      assertThat(read.stream().filter(r -> r.value().startsWith("new-")).count()).isEqualTo(200);
    }
  }

  @Test
  void theOldestSegmentsGoWhenThePartitionExceedsRetentionBytes() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(BROKER)) {
      String bootstrap = broker.bootstrapServers();
      TopicPartition tp = new TopicPartition("by-size", 0);
      Clients.createTopic(
          bootstrap, tp.topic(), Map.of("retention.bytes", "8192", "segment.bytes", "2048"));
      List<ProducerRecord<String, String>> records = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        records.add(new ProducerRecord<>(tp.topic(), "k" + i, "value-" + i));
      }
      try (KafkaProducer<String, String> producer = Clients.producer(bootstrap)) {
        Clients.send(producer, records);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> Clients.earliest(bootstrap, tp) > 0);
      // Then what is left is within retention.bytes plus one segment
      List<ConsumerRecord<String, String>> read = Clients.readAll(bootstrap, tp);
      long start = Clients.earliest(bootstrap, tp);
      assertThat(read.get(0).offset()).isEqualTo(start);
      assertThat(read.get(read.size() - 1).value()).isEqualTo("value-999");
      long kept = 0;
      try (var files = java.nio.file.Files.list(broker.dataDir().resolve("by-size-0"))) {
        for (var file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
          kept += java.nio.file.Files.size(file);
        }
      }
      assertThat(kept).isLessThanOrEqualTo(8192 + 2048);
      // and a consumer whose position fell below the start is reset to it
      try (KafkaConsumer<String, String> consumer = Clients.consumer(bootstrap, "earliest")) {
        consumer.assign(List.of(tp));
        consumer.seek(tp, 0);
        List<ConsumerRecord<String, String>> polled = new ArrayList<>();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> {
                  consumer.poll(Duration.ofMillis(100)).forEach(polled::add);
                  return !polled.isEmpty();
                });
        assertThat(polled.get(0).offset()).isGreaterThanOrEqualTo(start);
      }
    }
  }
}
