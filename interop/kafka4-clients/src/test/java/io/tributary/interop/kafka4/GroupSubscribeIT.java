package io.tributary.interop.kafka4;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * kafka-clients 4.x consumers in a group (classic protocol) against broker-core in its own process:
 * subscribe, commit, resume from the committed offsets, and share partitions.
 */
class GroupSubscribeIT extends BaseBrokerCoreIT {
  private static final int PARTITIONS = 3;

  @Test
  void subscribedConsumerReadsEverythingAndASuccessorResumesFromTheCommittedOffsets()
      throws Exception {
    // Given 300 records in a topic with 3 partitions
    String topic = "group-resume";
    createTopic(topic, PARTITIONS);
    produce(topic, 0, 300);

    // When a consumer in group g1 reads them all and commits
    Set<String> firstRead = new HashSet<>();
    try (KafkaConsumer<String, String> consumer = groupConsumer("g1")) {
      consumer.subscribe(List.of(topic));
      pollUntil(consumer, firstRead, 300);
      consumer.commitSync(Duration.ofSeconds(30));
    }

    // Then the group's committed offsets cover every record
    try (Admin admin = Clients.admin(broker)) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets("g1")
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum())
          .isEqualTo(300);
    }
    assertThat(firstRead).hasSize(300);

    // And a successor in the same group reads only what was produced after the commit
    produce(topic, 300, 100);
    Set<String> secondRead = new HashSet<>();
    try (KafkaConsumer<String, String> consumer = groupConsumer("g1")) {
      consumer.subscribe(List.of(topic));
      pollUntil(consumer, secondRead, 100);
      // Each partition is read in offset order, so a record from before the commit would have
      // come first; and the positions are at the end of each partition.
      long positions = 0;
      for (TopicPartition partition : consumer.assignment()) {
        positions += consumer.position(partition);
      }
      assertThat(positions).isEqualTo(400);
    }
    assertThat(secondRead).hasSize(100).allMatch(value -> value.compareTo("v00300") >= 0);
  }

  @Test
  void twoConsumersInOneGroupSplitThePartitionsBetweenThem() throws Exception {
    // Given
    String topic = "group-split";
    createTopic(topic, PARTITIONS);
    produce(topic, 0, 90);

    try (KafkaConsumer<String, String> first = groupConsumer("g2");
        KafkaConsumer<String, String> second = groupConsumer("g2")) {
      // When both subscribe and poll until the group is stable with all partitions assigned
      first.subscribe(List.of(topic));
      second.subscribe(List.of(topic));
      Set<String> read = new HashSet<>();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while ((first.assignment().size() + second.assignment().size() < PARTITIONS
              || first.assignment().isEmpty()
              || second.assignment().isEmpty()
              || read.size() < 90)
          && Instant.now().isBefore(deadline)) {
        first.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
        second.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
      }

      // Then each has partitions, none shared, and together they read everything
      Set<TopicPartition> overlap = new HashSet<>(first.assignment());
      overlap.retainAll(second.assignment());
      assertThat(first.assignment()).isNotEmpty();
      assertThat(second.assignment()).isNotEmpty();
      assertThat(overlap).isEmpty();
      assertThat(first.assignment().size() + second.assignment().size()).isEqualTo(PARTITIONS);
      assertThat(read).hasSize(90);

      try (Admin admin = Clients.admin(broker)) {
        ConsumerGroupDescription group =
            admin
                .describeConsumerGroups(List.of("g2"))
                .describedGroups()
                .get("g2")
                .get(30, TimeUnit.SECONDS);
        assertThat(group.members()).hasSize(2);
      }
    }
  }

  private static KafkaConsumer<String, String> groupConsumer(String groupId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
    return Clients.consumer(broker, config);
  }

  private static void produce(String topic, int from, int count) throws Exception {
    try (KafkaProducer<String, String> producer =
        Clients.producer(
            broker,
            Map.of(
                ProducerConfig.ACKS_CONFIG,
                "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                false))) {
      List<Future<?>> sends = new ArrayList<>();
      for (int i = from; i < from + count; i++) {
        sends.add(producer.send(new ProducerRecord<>(topic, "k" + i, String.format("v%05d", i))));
      }
      for (Future<?> send : sends) {
        send.get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static void pollUntil(
      KafkaConsumer<String, String> consumer, Set<String> read, int expected) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (read.size() < expected && Instant.now().isBefore(deadline)) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
        read.add(record.value());
      }
    }
  }
}
