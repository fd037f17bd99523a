package io.tributary.registry.server.internal.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.testing.EmbeddedBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KafkaRegistryLogIT {
  private static final String SCHEMA = "{\"type\":\"string\"}";
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private EmbeddedBroker broker;

  @BeforeEach
  void startBroker() {
    broker = EmbeddedBroker.start();
  }

  @AfterEach
  void stopBroker() {
    broker.close();
  }

  private KafkaRegistryLog log(String topic) {
    return new KafkaRegistryLog(
        Map.of("bootstrap.servers", broker.bootstrapServers()), topic, 3, TIMEOUT, TIMEOUT);
  }

  private static List<RegistryRecord> sample() {
    return List.of(
        new RegistryRecord.CompatibilityConfig(null, "FULL", null),
        new RegistryRecord.SchemaVersion("a-value", 1, 1, "AVRO", SCHEMA, List.of(), false),
        new RegistryRecord.SchemaVersion("b-value", 1, 1, "AVRO", SCHEMA, List.of(), false),
        new RegistryRecord.SchemaVersion(
            "b-value",
            2,
            2,
            "AVRO",
            "{\"type\":\"long\"}",
            List.of(new RegistryRecord.Reference("x", "a-value", 1)),
            false),
        new RegistryRecord.ModeConfig("a-value", "READONLY"),
        new RegistryRecord.SubjectDeleted("a-value", 1),
        new RegistryRecord.SchemaVersionRemoved("a-value", 1),
        new RegistryRecord.Noop());
  }

  @Test
  void appendedRecordsAreAppliedBeforeAppendReturns() {
    // given
    List<RegistryRecord> applied = new CopyOnWriteArrayList<>();
    try (KafkaRegistryLog log = log("_schemas")) {
      log.start(applied::add);

      // when / then: each write is visible as soon as append returns
      for (RegistryRecord record : sample()) {
        log.append(record);
        assertThat(applied).endsWith(record);
      }
      assertThat(applied).containsExactlyElementsOf(sample());
    }
  }

  @Test
  void aNewInstanceRebuildsTheSameStateFromTheTopic() {
    // given
    List<RegistryRecord> first = new CopyOnWriteArrayList<>();
    try (KafkaRegistryLog log = log("_schemas")) {
      log.start(first::add);
      sample().forEach(log::append);
    }

    // when: a new instance starts on the same topic (and after a broker restart)
    broker.restart();
    List<RegistryRecord> second = new CopyOnWriteArrayList<>();
    try (KafkaRegistryLog log = log("_schemas")) {
      log.start(second::add);

      // then: start returned with everything applied, in order, ids and versions unchanged
      assertThat(second).containsExactlyElementsOf(first);
      assertThat(second).containsExactlyElementsOf(sample());
    }
  }

  @Test
  void anotherInstanceSeesWritesAfterCatchingUp() {
    // given
    List<RegistryRecord> seenByFollower = new CopyOnWriteArrayList<>();
    try (KafkaRegistryLog leader = log("_schemas");
        KafkaRegistryLog follower = log("_schemas")) {
      leader.start(r -> {});
      follower.start(seenByFollower::add);

      // when
      sample().forEach(leader::append);
      follower.awaitCaughtUp(TIMEOUT);

      // then
      assertThat(seenByFollower).containsExactlyElementsOf(sample());
    }
  }

  @Test
  void createsACompactedSinglePartitionTopic() throws Exception {
    // when
    try (KafkaRegistryLog log = log("my_schemas")) {
      log.start(r -> {});
    }

    // then
    try (Admin admin = admin()) {
      TopicDescription description =
          admin.describeTopics(List.of("my_schemas")).allTopicNames().get().get("my_schemas");
      assertThat(description.partitions()).hasSize(1);
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "my_schemas");
      ConfigEntry policy =
          admin.describeConfigs(List.of(resource)).all().get().get(resource).get("cleanup.policy");
      assertThat(policy.value()).isEqualTo("compact");
    }
  }

  @Test
  void refusesATopicWithMoreThanOnePartition() throws Exception {
    // given
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic("_schemas", 3, (short) 1))).all().get();
    }

    // then
    try (KafkaRegistryLog log = log("_schemas")) {
      assertThatThrownBy(() -> log.start(r -> {}))
          .isInstanceOf(RegistryStoreException.class)
          .hasMessageContaining("_schemas has 3 partitions")
          .hasMessageContaining("kafkastore.topic");
    }
  }

  @Test
  void refusesATopicThatIsNotCompacted() throws Exception {
    // given
    try (Admin admin = admin()) {
      admin
          .createTopics(
              List.of(
                  new NewTopic("_schemas", 1, (short) 1)
                      .configs(Map.of("cleanup.policy", "delete"))))
          .all()
          .get();
    }

    // then
    try (KafkaRegistryLog log = log("_schemas")) {
      assertThatThrownBy(() -> log.start(r -> {}))
          .isInstanceOf(RegistryStoreException.class)
          .hasMessageContaining("cleanup.policy=delete");
    }
  }

  @Test
  void recordsOfUnknownKeyTypesAreSkipped() {
    // given: a topic with a record this registry does not know between two it does
    try (KafkaRegistryLog log = log("_schemas")) {
      log.start(r -> {});
      log.append(sample().get(0));
    }
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      producer.send(
          new ProducerRecord<>(
              "_schemas",
              0,
              "{\"keytype\":\"SOMETHING_NEW\",\"magic\":0}".getBytes(UTF_8),
              "{}".getBytes(UTF_8)));
      producer.send(new ProducerRecord<>("_schemas", 0, "garbage".getBytes(UTF_8), null));
    }
    List<RegistryRecord> applied = new CopyOnWriteArrayList<>();

    // when
    try (KafkaRegistryLog log = log("_schemas")) {
      log.start(applied::add);
      log.append(sample().get(1));

      // then
      assertThat(applied).containsExactly(sample().get(0), sample().get(1));
    }
  }

  @Test
  void writesFailWithAStoreErrorWhenTheBrokerIsGone() {
    // given
    try (KafkaRegistryLog log =
        new KafkaRegistryLog(
            Map.of("bootstrap.servers", broker.bootstrapServers()),
            "_schemas",
            1,
            Duration.ofMillis(500),
            TIMEOUT)) {
      log.start(r -> {});
      broker.stop();

      // then
      assertThatThrownBy(() -> log.append(sample().get(1)))
          .isInstanceOf(RegistryStoreException.class)
          .matches(e -> ((RegistryStoreException) e).timedOut());
      broker.startAgain();
    }
  }

  private Admin admin() {
    return Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
  }
}
