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
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Unmodified kafka-clients consumers in groups: rebalances, commits, restarts. */
class ConsumerGroupIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private EmbeddedBroker broker;
  private final List<TestingGroupConsumer> consumers = new ArrayList<>();

  @BeforeEach
  void startBroker() {
    broker = EmbeddedBroker.start(Map.of("group.initial.rebalance.delay.ms", "200"));
  }

  @AfterEach
  void stopBroker() throws Exception {
    for (TestingGroupConsumer consumer : consumers) {
      consumer.close();
    }
    broker.close();
  }

  private TestingGroupConsumer consumer(String group, String topic, Map<String, String> extra) {
    TestingGroupConsumer consumer =
        new TestingGroupConsumer(broker.bootstrapServers(), group, topic, extra);
    consumers.add(consumer);
    return consumer;
  }

  private void stop(TestingGroupConsumer consumer) throws Exception {
    consumers.remove(consumer);
    consumer.close();
  }

  private void createTopic(String topic, int partitions) throws Exception {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private Admin admin() {
    return Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
  }

  private List<String> produce(String topic, String prefix, int count) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    List<String> values = new ArrayList<>();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String value = prefix + "-" + i;
        values.add(value);
        sent.add(producer.send(new ProducerRecord<>(topic, "k" + i, value)));
      }
      for (Future<RecordMetadata> f : sent) {
        f.get(30, TimeUnit.SECONDS);
      }
    }
    return values;
  }

  private static Set<String> values(List<TestingGroupConsumer> consumers) {
    return consumers.stream()
        .flatMap(c -> c.received().stream())
        .map(ConsumerRecord::value)
        .collect(Collectors.toSet());
  }

  private static void awaitPartitionsSplitAmong(List<TestingGroupConsumer> members, int count) {
    Set<TopicPartition> all =
        IntStream.range(0, count)
            .mapToObj(p -> new TopicPartition("orders", p))
            .collect(Collectors.toSet());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              List<TopicPartition> assigned = new ArrayList<>();
              for (TestingGroupConsumer member : members) {
                assertThat(member.failure()).isNull();
                assertThat(member.assignment()).isNotEmpty();
                assigned.addAll(member.assignment());
              }
              // every partition exactly once
              assertThat(assigned).hasSize(count);
              assertThat(new HashSet<>(assigned)).isEqualTo(all);
              assertThat(members.stream().map(TestingGroupConsumer::generation).distinct())
                  .hasSize(1);
            });
  }

  @Test
  void aGroupSharesPartitionsRebalancesOnLeaveAndJoinAndResumesAfterARestart() throws Exception {
    // Given a 6-partition topic with records, and three consumers in one group
    createTopic("orders", 6);
    Set<String> produced = new HashSet<>(produce("orders", "first", 600));
    TestingGroupConsumer a = consumer("shop", "orders", Map.of());
    TestingGroupConsumer b = consumer("shop", "orders", Map.of());
    TestingGroupConsumer c = consumer("shop", "orders", Map.of());

    // Then each partition is assigned to exactly one of them
    awaitPartitionsSplitAmong(List.of(a, b, c), 6);

    // When one leaves, the other two take over its partitions
    stop(b);
    produced.addAll(produce("orders", "second", 600));
    awaitPartitionsSplitAmong(List.of(a, c), 6);

    // When one joins again, the three share the partitions again
    TestingGroupConsumer d = consumer("shop", "orders", Map.of());
    awaitPartitionsSplitAmong(List.of(a, c, d), 6);
    produced.addAll(produce("orders", "third", 600));

    // Then every record was consumed by someone (b's records included), and all is committed
    List<TestingGroupConsumer> everyone = List.of(a, b, c, d);
    await().atMost(WAIT).untilAsserted(() -> assertThat(values(everyone)).containsAll(produced));
    try (Admin admin = admin()) {
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets("shop").partitionsToOffsetAndMetadata().get();
                assertThat(committed).hasSize(6);
                assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum())
                    .isEqualTo(1800);
              });
    }
    for (TestingGroupConsumer consumer : List.of(a, c, d)) {
      stop(consumer);
    }

    // When the broker restarts and more records arrive
    broker.restart();
    List<String> fourth = produce("orders", "fourth", 300);

    // Then a new consumer of the group resumes from the committed offsets: nothing committed is
    // delivered again
    TestingGroupConsumer e = consumer("shop", "orders", Map.of());
    await().atMost(WAIT).untilAsserted(() -> assertThat(values(List.of(e))).hasSize(300));
    assertThat(e.received())
        .extracting(ConsumerRecord::value)
        .containsExactlyInAnyOrderElementsOf(fourth);
  }

  @Test
  void aRestartedStaticMemberKeepsItsAssignmentWithoutRebalancingTheOthers() throws Exception {
    // Given a group of two static members
    createTopic("orders", 6);
    Map<String, String> first = Map.of("group.instance.id", "worker-1");
    Map<String, String> second = Map.of("group.instance.id", "worker-2");
    TestingGroupConsumer one = consumer("static", "orders", first);
    TestingGroupConsumer two = consumer("static", "orders", second);
    awaitPartitionsSplitAmong(List.of(one, two), 6);
    Set<TopicPartition> assignedToOne = one.assignment();
    String oldMemberId = one.memberId();
    int generation = two.generation();
    int twoAssignments = two.assignmentCount();

    // When worker-1 stops (static members send no LeaveGroup) and starts again within its session
    stop(one);
    TestingGroupConsumer restarted = consumer("static", "orders", first);

    // Then it gets the same partitions in the same generation, under a new member id
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(restarted.assignment()).isEqualTo(assignedToOne));
    assertThat(restarted.generation()).isEqualTo(generation);
    assertThat(restarted.memberId()).isNotEqualTo(oldMemberId);
    // and the other member saw no rebalance
    produce("orders", "after", 60);
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(values(List.of(restarted, two))).hasSize(60));
    assertThat(two.generation()).isEqualTo(generation);
    assertThat(two.assignmentCount()).isEqualTo(twoAssignments);
  }
}
