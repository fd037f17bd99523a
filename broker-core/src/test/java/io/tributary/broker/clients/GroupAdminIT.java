package io.tributary.broker.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.EmbeddedBroker;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.GroupSubscribedToTopicException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AdminClient's consumer group operations against broker-core behave as against Kafka. */
class GroupAdminIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static EmbeddedBroker broker;
  private static Admin admin;

  @BeforeAll
  static void start() {
    broker = EmbeddedBroker.start(Map.of("group.initial.rebalance.delay.ms", "0"));
    admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
  }

  @AfterAll
  static void stop() {
    admin.close();
    broker.close();
  }

  private static void createTopic(String topic, int partitions) throws Exception {
    admin
        .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
        .all()
        .get(30, TimeUnit.SECONDS);
  }

  private static void produce(String topic, int count) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
      }
      producer.flush();
    }
  }

  private static Collection<ConsumerGroupListing> listed() throws Exception {
    return admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS);
  }

  private static ConsumerGroupDescription describe(String group) throws Exception {
    return admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
  }

  @Test
  void activeGroupsAreListedDescribedAndProtectedThenDeletable() throws Exception {
    // Given an active consumer that consumed and committed 10 records of a 2-partition topic
    createTopic("payments", 2);
    produce("payments", 10);
    TestingGroupConsumer consumer =
        new TestingGroupConsumer(broker.bootstrapServers(), "billing", "payments", Map.of());
    try {
      await().atMost(WAIT).untilAsserted(() -> assertThat(consumer.received()).hasSize(10));
      TopicPartition p0 = new TopicPartition("payments", 0);
      TopicPartition p1 = new TopicPartition("payments", 1);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets("billing").partitionsToOffsetAndMetadata().get();
                assertThat(offsets.keySet()).containsExactlyInAnyOrder(p0, p1);
                assertThat(offsets.get(p0).offset() + offsets.get(p1).offset()).isEqualTo(10);
              });

      // Then it is listed and described as a stable consumer group with its assignment
      assertThat(listed())
          .anySatisfy(
              g -> {
                assertThat(g.groupId()).isEqualTo("billing");
                assertThat(g.isSimpleConsumerGroup()).isFalse();
                assertThat(g.state()).contains(ConsumerGroupState.STABLE);
              });
      ConsumerGroupDescription description = describe("billing");
      assertThat(description.state()).isEqualTo(ConsumerGroupState.STABLE);
      assertThat(description.partitionAssignor()).isEqualTo("range");
      assertThat(description.coordinator().id()).isEqualTo(broker.broker().config().nodeId());
      assertThat(description.members()).hasSize(1);
      MemberDescription member = description.members().iterator().next();
      assertThat(member.consumerId()).isEqualTo(consumer.memberId());
      assertThat(member.host()).isEqualTo("/127.0.0.1");
      assertThat(member.assignment().topicPartitions()).containsExactlyInAnyOrder(p0, p1);

      // and its offsets of subscribed topics and the group itself cannot be deleted
      assertThatThrownBy(
              () ->
                  admin
                      .deleteConsumerGroupOffsets("billing", Set.of(p0))
                      .all()
                      .get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(GroupSubscribedToTopicException.class);
      assertThatThrownBy(
              () -> admin.deleteConsumerGroups(List.of("billing")).all().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(GroupNotEmptyException.class);
    } finally {
      consumer.close();
    }

    // When the consumer has left, the group is empty
    assertThat(describe("billing").state()).isEqualTo(ConsumerGroupState.EMPTY);
    assertThat(
            admin
                .listConsumerGroups(
                    new org.apache.kafka.clients.admin.ListConsumerGroupsOptions()
                        .inStates(Set.of(ConsumerGroupState.STABLE)))
                .all()
                .get(30, TimeUnit.SECONDS))
        .noneMatch(g -> g.groupId().equals("billing"));

    // Then its offsets can be deleted, then the group
    TopicPartition p0 = new TopicPartition("payments", 0);
    admin.deleteConsumerGroupOffsets("billing", Set.of(p0)).all().get(30, TimeUnit.SECONDS);
    assertThat(admin.listConsumerGroupOffsets("billing").partitionsToOffsetAndMetadata().get())
        .containsOnlyKeys(new TopicPartition("payments", 1));
    admin.deleteConsumerGroups(List.of("billing")).all().get(30, TimeUnit.SECONDS);
    assertThat(listed()).noneMatch(g -> g.groupId().equals("billing"));
    assertThat(describe("billing").state()).isEqualTo(ConsumerGroupState.DEAD);
    assertThat(admin.listConsumerGroupOffsets("billing").partitionsToOffsetAndMetadata().get())
        .isEmpty();
    assertThatThrownBy(
            () -> admin.deleteConsumerGroups(List.of("billing")).all().get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(GroupIdNotFoundException.class);
  }

  @Test
  void offsetsCommittedWithoutGroupMembershipAreStoredAndListed() throws Exception {
    // Given a consumer that assigns itself a partition and commits (generation -1)
    createTopic("ledger", 1);
    TopicPartition tp = new TopicPartition("ledger", 0);
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "manual");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(tp));
      consumer.commitSync(Map.of(tp, new OffsetAndMetadata(42, "checkpoint")));
      // Then the consumer reads it back
      assertThat(consumer.committed(Set.of(tp)).get(tp).offset()).isEqualTo(42);
    }
    // and Admin sees a simple group with that offset
    assertThat(listed())
        .anySatisfy(
            g -> {
              assertThat(g.groupId()).isEqualTo("manual");
              assertThat(g.isSimpleConsumerGroup()).isTrue();
            });
    OffsetAndMetadata stored =
        admin.listConsumerGroupOffsets("manual").partitionsToOffsetAndMetadata().get().get(tp);
    assertThat(stored.offset()).isEqualTo(42);
    assertThat(stored.metadata()).isEqualTo("checkpoint");
  }

  @Test
  void clientsCannotProduceToTheOffsetsTopic() throws Exception {
    // Given the offsets topic exists (a group was looked up)
    admin.listConsumerGroupOffsets("anything").partitionsToOffsetAndMetadata().get();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    props.put(ProducerConfig.RETRIES_CONFIG, "0");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      // When a client produces to it, then the broker refuses as Kafka does
      assertThatThrownBy(
              () ->
                  producer
                      .send(new ProducerRecord<>("__consumer_offsets", 0, "k", "v"))
                      .get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(InvalidTopicException.class);
    }
    assertThat(
            admin
                .describeTopics(List.of("__consumer_offsets"))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get("__consumer_offsets")
                .isInternal())
        .isTrue();
  }
}
