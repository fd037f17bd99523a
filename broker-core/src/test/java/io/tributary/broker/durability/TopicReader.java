package io.tributary.broker.durability;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what a topic holds with a fresh, group-less consumer (assign, from the earliest offset).
 */
final class TopicReader {
  private TopicReader() {}

  /** Every record of every partition, from the earliest offset to the end offset of the call. */
  static Map<Integer, List<ConsumerRecord<String, String>>> readAll(
      String bootstrapServers, String topic, int partitions) {
    Map<Integer, List<ConsumerRecord<String, String>>> byPartition = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
      List<TopicPartition> all = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        all.add(new TopicPartition(topic, p));
        byPartition.put(p, new ArrayList<>());
      }
      consumer.assign(all);
      consumer.seekToBeginning(all);
      Map<TopicPartition, Long> ends = consumer.endOffsets(all);
      await("reading " + topic + " up to " + ends)
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ZERO)
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(100))) {
                  byPartition.get(record.partition()).add(record);
                }
                return all.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
              });
    }
    return byPartition;
  }

  /** The end offset of each partition. */
  static Map<Integer, Long> endOffsets(String bootstrapServers, String topic, int partitions) {
    try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
      List<TopicPartition> all = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        all.add(new TopicPartition(topic, p));
      }
      Map<Integer, Long> ends = new HashMap<>();
      consumer.endOffsets(all).forEach((tp, end) -> ends.put(tp.partition(), end));
      return ends;
    }
  }

  private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            "false",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        new StringDeserializer());
  }
}
