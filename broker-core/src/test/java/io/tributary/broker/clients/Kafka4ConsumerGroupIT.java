package io.tributary.broker.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A Kafka 4.x consumer and a 3.9 consumer share one group on broker-core (classic protocol). */
class Kafka4ConsumerGroupIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void kafka4AndKafka39ConsumersShareAGroup() throws Exception {
    try (EmbeddedBroker broker =
            EmbeddedBroker.start(Map.of("group.initial.rebalance.delay.ms", "200"));
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      // Given a 4-partition topic with 200 records
      admin
          .createTopics(List.of(new NewTopic("mixed", 4, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
      Set<String> produced = new HashSet<>();
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < 200; i++) {
          producer.send(new ProducerRecord<>("mixed", "k" + i, "v" + i));
          produced.add("v" + i);
        }
        producer.flush();
      }

      // When a 4.x and a 3.9 consumer join the same group
      try (Kafka4GroupConsumer newer =
              new Kafka4GroupConsumer(broker.bootstrapServers(), "mixed-group", "mixed");
          TestingGroupConsumer older =
              new TestingGroupConsumer(
                  broker.bootstrapServers(), "mixed-group", "mixed", Map.of())) {
        assertThat(newer.version()).startsWith("4.");

        // Then they split the partitions, and together consume and commit every record
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> {
                  assertThat(newer.failure()).isNull();
                  assertThat(newer.assignment()).isNotEmpty();
                  assertThat(older.assignment()).isNotEmpty();
                  List<String> all = new ArrayList<>(newer.assignment());
                  older.assignment().forEach(tp -> all.add(tp.toString()));
                  assertThat(all)
                      .containsExactlyInAnyOrder("mixed-0", "mixed-1", "mixed-2", "mixed-3");
                });
        await()
            .atMost(WAIT)
            .untilAsserted(
                () -> {
                  Set<String> consumed = new HashSet<>(newer.values());
                  older.received().stream().map(ConsumerRecord::value).forEach(consumed::add);
                  assertThat(consumed).containsAll(produced);
                  Map<?, OffsetAndMetadata> committed =
                      admin
                          .listConsumerGroupOffsets("mixed-group")
                          .partitionsToOffsetAndMetadata()
                          .get();
                  assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum())
                      .isEqualTo(200);
                });
      }
    }
  }
}
