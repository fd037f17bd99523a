package io.tributary.broker.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.testing.EmbeddedBroker;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigType;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicDeletionDisabledException;
import org.apache.kafka.common.errors.UnknownTopicIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Unmodified kafka-clients AdminClient manages topics and configs on broker-core. */
class AdminIT {
  private static EmbeddedBroker broker;
  private Admin admin;

  @BeforeAll
  static void startBroker() {
    // A broker-level default set in the config file: retention of topics without an override.
    broker = EmbeddedBroker.start(Map.of("log.retention.hours", "48", "num.partitions", "2"));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @BeforeEach
  void connect() {
    admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
  }

  @AfterEach
  void disconnect() {
    admin.close();
  }

  private static <T> T get(KafkaFuture<T> future) throws Exception {
    return future.get(30, TimeUnit.SECONDS);
  }

  private static Throwable failure(KafkaFuture<?> future) {
    assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    try {
      future.get();
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private Config describe(String topic, DescribeConfigsOptions options) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return get(admin.describeConfigs(List.of(resource), options).all()).get(resource);
  }

  @Test
  void describeConfigsReportsValuesSourcesSynonymsDocsAndTypes() throws Exception {
    // Given a topic created with two overrides on a broker whose file sets log.retention.hours
    get(
        admin
            .createTopics(
                List.of(
                    new NewTopic("described", 1, (short) 1)
                        .configs(Map.of("cleanup.policy", "compact", "segment.bytes", "1048576"))))
            .all());

    // When its configs are described with synonyms and documentation
    Config config =
        describe(
            "described",
            new DescribeConfigsOptions().includeSynonyms(true).includeDocumentation(true));

    // Then every topic config is there
    assertThat(config.entries()).extracting(ConfigEntry::name).contains("max.message.bytes");
    assertThat(config.entries()).hasSizeGreaterThanOrEqualTo(19);
    // an override is a dynamic topic config, followed by its broker-level synonyms
    ConfigEntry policy = config.get("cleanup.policy");
    assertThat(policy.value()).isEqualTo("compact");
    assertThat(policy.source()).isEqualTo(ConfigSource.DYNAMIC_TOPIC_CONFIG);
    assertThat(policy.type()).isEqualTo(ConfigType.LIST);
    assertThat(policy.isReadOnly()).isFalse();
    assertThat(policy.isSensitive()).isFalse();
    assertThat(policy.documentation()).contains("compact");
    assertThat(policy.synonyms())
        .extracting(ConfigEntry.ConfigSynonym::name, ConfigEntry.ConfigSynonym::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "cleanup.policy", ConfigSource.DYNAMIC_TOPIC_CONFIG),
            org.assertj.core.groups.Tuple.tuple("log.cleanup.policy", ConfigSource.DEFAULT_CONFIG));
    assertThat(config.get("segment.bytes").value()).isEqualTo("1048576");
    assertThat(config.get("segment.bytes").type()).isEqualTo(ConfigType.INT);
    // the broker file's log.retention.hours is a static broker config of retention.ms
    ConfigEntry retention = config.get("retention.ms");
    assertThat(retention.value()).isEqualTo(String.valueOf(48L * 3_600_000));
    assertThat(retention.source()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG);
    assertThat(retention.synonyms().get(0).name()).isEqualTo("log.retention.hours");
    assertThat(retention.synonyms().get(0).value()).isEqualTo("48");
    // untouched configs come from the built-in defaults
    ConfigEntry maxMessage = config.get("max.message.bytes");
    assertThat(maxMessage.source()).isEqualTo(ConfigSource.DEFAULT_CONFIG);
    assertThat(maxMessage.value()).isEqualTo("1048588");

    // And without synonyms and documentation, those are left out; chosen keys filter the result
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "described");
    Map<ConfigResource, Config> plain = get(admin.describeConfigs(List.of(resource)).all());
    assertThat(plain.get(resource).get("cleanup.policy").synonyms()).isEmpty();
    assertThat(plain.get(resource).get("cleanup.policy").documentation()).isNull();
  }

  @Test
  void describeConfigsOfAnUnknownTopicFails() {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "no-such-topic");
    assertThat(failure(admin.describeConfigs(List.of(resource)).all()))
        .isInstanceOf(UnknownTopicOrPartitionException.class);
  }

  @Test
  void describeBrokerConfigs() throws Exception {
    // When the broker (node.id 1) is described
    ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
    Config config =
        get(admin
                .describeConfigs(List.of(node), new DescribeConfigsOptions().includeSynonyms(true))
                .all())
            .get(node);
    // Then the broker's file settings are static, the rest defaults, all read-only
    ConfigEntry partitions = config.get("num.partitions");
    assertThat(partitions.value()).isEqualTo("2");
    assertThat(partitions.source()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG);
    assertThat(partitions.isReadOnly()).isTrue();
    assertThat(partitions.synonyms())
        .extracting(ConfigEntry.ConfigSynonym::source)
        .containsExactly(ConfigSource.STATIC_BROKER_CONFIG, ConfigSource.DEFAULT_CONFIG);
    ConfigEntry ioThreads = config.get("num.io.threads");
    assertThat(ioThreads.source()).isEqualTo(ConfigSource.DEFAULT_CONFIG);
    assertThat(ioThreads.value()).isEqualTo("8");
    assertThat(config.get("log.retention.hours").value()).isEqualTo("48");

    // And the cluster-wide dynamic defaults ("") are empty: there are none
    ConfigResource cluster = new ConfigResource(ConfigResource.Type.BROKER, "");
    assertThat(get(admin.describeConfigs(List.of(cluster)).all()).get(cluster).entries()).isEmpty();
    // And the loggers are refused with a clear message (another broker id: see
    // ProtocolErrorsIT, AdminClient cannot even route it)
    ConfigResource loggers = new ConfigResource(ConfigResource.Type.BROKER_LOGGER, "1");
    assertThat(failure(admin.describeConfigs(List.of(loggers)).all()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("logback");
  }

  @Test
  void createTopicsRejectsInvalidConfigsNamingKeyValueAndReason() throws Exception {
    // An unknown key
    Throwable unknown =
        failure(
            admin
                .createTopics(
                    List.of(
                        new NewTopic("bad-config", 1, (short) 1)
                            .configs(Map.of("retention.mss", "1000"))))
                .all());
    assertThat(unknown).isInstanceOf(InvalidConfigurationException.class);
    assertThat(unknown.getMessage()).contains("retention.mss").contains("1000");
    // A bad value
    Throwable bad =
        failure(
            admin
                .createTopics(
                    List.of(
                        new NewTopic("bad-config", 1, (short) 1)
                            .configs(Map.of("cleanup.policy", "archive"))))
                .all());
    assertThat(bad).isInstanceOf(InvalidConfigurationException.class);
    assertThat(bad.getMessage()).contains("cleanup.policy").contains("archive");
    // Nothing was created
    assertThat(get(admin.listTopics().names())).doesNotContain("bad-config");
  }

  @Test
  void createTopicsReturnsTheNewTopicsConfigs() throws Exception {
    // When a topic is created with an override (CreateTopics v5+ returns its configs)
    CreateTopicsResult result =
        admin.createTopics(
            List.of(
                new NewTopic("with-configs", 3, (short) 1)
                    .configs(Map.of("retention.ms", "1000"))));
    Config config = get(result.config("with-configs"));
    // Then the response carries every config with its source, and the partition count
    assertThat(config.get("retention.ms").value()).isEqualTo("1000");
    assertThat(config.get("retention.ms").source()).isEqualTo(ConfigSource.DYNAMIC_TOPIC_CONFIG);
    assertThat(config.get("segment.bytes").source()).isEqualTo(ConfigSource.DEFAULT_CONFIG);
    assertThat(get(result.numPartitions("with-configs"))).isEqualTo(3);
    assertThat(get(result.replicationFactor("with-configs"))).isEqualTo(1);
    assertThat(get(result.topicId("with-configs"))).isNotEqualTo(Uuid.ZERO_UUID);
  }

  @Test
  void incrementalAlterConfigsSetsDeletesAppendsAndSubtracts() throws Exception {
    get(admin.createTopics(List.of(new NewTopic("altered", 1, (short) 1))).all());
    ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "altered");

    // APPEND to a list config not overridden starts from the default (delete)
    alter(topic, new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), OpType.APPEND));
    assertThat(describe("altered", new DescribeConfigsOptions()).get("cleanup.policy").value())
        .isEqualTo("delete,compact");
    // SUBTRACT removes one element
    alter(topic, new AlterConfigOp(new ConfigEntry("cleanup.policy", "delete"), OpType.SUBTRACT));
    assertThat(describe("altered", new DescribeConfigsOptions()).get("cleanup.policy").value())
        .isEqualTo("compact");
    // SET and DELETE
    alter(topic, new AlterConfigOp(new ConfigEntry("retention.ms", "60000"), OpType.SET));
    ConfigEntry retention = describe("altered", new DescribeConfigsOptions()).get("retention.ms");
    assertThat(retention.value()).isEqualTo("60000");
    assertThat(retention.source()).isEqualTo(ConfigSource.DYNAMIC_TOPIC_CONFIG);
    alter(topic, new AlterConfigOp(new ConfigEntry("retention.ms", ""), OpType.DELETE));
    retention = describe("altered", new DescribeConfigsOptions()).get("retention.ms");
    assertThat(retention.source()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG);

    // validateOnly checks without changing anything
    get(
        admin
            .incrementalAlterConfigs(
                Map.of(
                    topic,
                    List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "5"), OpType.SET))),
                new AlterConfigsOptions().validateOnly(true))
            .all());
    assertThat(describe("altered", new DescribeConfigsOptions()).get("retention.ms").source())
        .isEqualTo(ConfigSource.STATIC_BROKER_CONFIG);

    // Invalid: bad value, unknown key, APPEND to a non-list
    assertInvalid(
        topic, new AlterConfigOp(new ConfigEntry("retention.ms", "soon"), OpType.SET), "soon");
    assertInvalid(
        topic, new AlterConfigOp(new ConfigEntry("no.such.config", "1"), OpType.SET), "no.such");
    assertInvalid(
        topic, new AlterConfigOp(new ConfigEntry("retention.ms", "1"), OpType.APPEND), "LIST");
  }

  private void alter(ConfigResource resource, AlterConfigOp op) throws Exception {
    get(admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all());
  }

  private void assertInvalid(ConfigResource resource, AlterConfigOp op, String mentioned) {
    Throwable error = failure(admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all());
    assertThat(error).isInstanceOf(InvalidConfigurationException.class);
    assertThat(error.getMessage()).contains(op.configEntry().name()).contains(mentioned);
  }

  @Test
  @SuppressWarnings("deprecation")
  void legacyAlterConfigsReplacesAllOverrides() throws Exception {
    // Given a topic with two overrides
    get(
        admin
            .createTopics(
                List.of(
                    new NewTopic("replaced", 1, (short) 1)
                        .configs(Map.of("retention.ms", "1000", "segment.bytes", "100000"))))
            .all());
    ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "replaced");
    // When the legacy AlterConfigs sets only one config
    get(
        admin
            .alterConfigs(
                Map.of(topic, new Config(List.of(new ConfigEntry("retention.ms", "2000")))))
            .all());
    // Then it replaced every override
    Config config = describe("replaced", new DescribeConfigsOptions());
    assertThat(config.get("retention.ms").value()).isEqualTo("2000");
    assertThat(config.get("segment.bytes").source()).isEqualTo(ConfigSource.DEFAULT_CONFIG);
    // And invalid values are rejected by name
    Throwable error =
        failure(
            admin
                .alterConfigs(
                    Map.of(topic, new Config(List.of(new ConfigEntry("segment.bytes", "-5")))))
                .all());
    assertThat(error).isInstanceOf(InvalidConfigurationException.class);
    assertThat(error.getMessage()).contains("segment.bytes").contains("-5");
  }

  @Test
  @SuppressWarnings("deprecation")
  void brokerConfigsCannotBeAlteredAtRuntime() {
    ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
    Throwable incremental =
        failure(
            admin
                .incrementalAlterConfigs(
                    Map.of(
                        node,
                        List.of(
                            new AlterConfigOp(new ConfigEntry("num.io.threads", "4"), OpType.SET))))
                .all());
    assertThat(incremental)
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("dynamic broker configs");
    Throwable legacy =
        failure(
            admin
                .alterConfigs(
                    Map.of(node, new Config(List.of(new ConfigEntry("num.io.threads", "4")))))
                .all());
    assertThat(legacy).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void alteredConfigsApplyToLiveLogsAndSurviveARestart() throws Exception {
    // Given a topic whose max.message.bytes is lowered at runtime
    get(admin.createTopics(List.of(new NewTopic("live", 1, (short) 1))).all());
    ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "live");
    alter(topic, new AlterConfigOp(new ConfigEntry("max.message.bytes", "1000"), OpType.SET));
    // When a 5 kB record is produced
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.RETRIES_CONFIG, 0);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      // Then the live log rejects it
      assertThatThrownBy(
              () ->
                  producer
                      .send(new ProducerRecord<>("live", new byte[5000]))
                      .get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(RecordTooLargeException.class);
    }
    // And after a restart the override is still there
    admin.close();
    broker.restart();
    admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    assertThat(describe("live", new DescribeConfigsOptions()).get("max.message.bytes").value())
        .isEqualTo("1000");
  }

  @Test
  void deleteTopicsByNameAndById() throws Exception {
    get(
        admin
            .createTopics(
                List.of(
                    new NewTopic("doomed-a", 2, (short) 1), new NewTopic("doomed-b", 1, (short) 1)))
            .all());
    Uuid idOfB =
        get(admin.describeTopics(List.of("doomed-b")).allTopicNames()).get("doomed-b").topicId();

    // By name
    get(admin.deleteTopics(List.of("doomed-a")).all());
    // By id (DeleteTopics v6)
    get(
        admin
            .deleteTopics(org.apache.kafka.common.TopicCollection.ofTopicIds(List.of(idOfB)))
            .all());

    Set<String> names = get(admin.listTopics().names());
    assertThat(names).doesNotContain("doomed-a", "doomed-b");
    assertThat(Files.exists(broker.dataDir().resolve("doomed-a-0"))).isFalse();
    assertThat(Files.exists(broker.dataDir().resolve("topics/doomed-b.json"))).isFalse();

    // Unknown names and ids
    assertThat(failure(admin.deleteTopics(List.of("doomed-a")).all()))
        .isInstanceOf(UnknownTopicOrPartitionException.class);
    assertThat(
            failure(
                admin
                    .deleteTopics(
                        org.apache.kafka.common.TopicCollection.ofTopicIds(
                            List.of(Uuid.randomUuid())))
                    .all()))
        .isInstanceOf(UnknownTopicIdException.class);

    // And the name can be used again
    get(admin.createTopics(List.of(new NewTopic("doomed-a", 1, (short) 1))).all());
  }

  @Test
  void deleteTopicEnableFalseRefusesDeletion() throws Exception {
    try (EmbeddedBroker guarded = EmbeddedBroker.start(Map.of("delete.topic.enable", "false"));
        Admin guardedAdmin =
            Admin.create(Map.of("bootstrap.servers", guarded.bootstrapServers()))) {
      get(guardedAdmin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all());
      assertThat(failure(guardedAdmin.deleteTopics(List.of("kept")).all()))
          .isInstanceOf(TopicDeletionDisabledException.class)
          .hasMessageContaining("delete.topic.enable");
      assertThat(get(guardedAdmin.listTopics().names())).contains("kept");
    }
  }

  @Test
  void createPartitionsOnlyGrows() throws Exception {
    get(admin.createTopics(List.of(new NewTopic("growing", 2, (short) 1))).all());

    // validateOnly changes nothing
    get(
        admin
            .createPartitions(
                Map.of("growing", NewPartitions.increaseTo(4)),
                new CreatePartitionsOptions().validateOnly(true))
            .all());
    assertThat(partitions("growing")).isEqualTo(2);
    // growing works, with or without an assignment naming this broker
    get(admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(3))).all());
    get(
        admin
            .createPartitions(Map.of("growing", NewPartitions.increaseTo(4, List.of(List.of(1)))))
            .all());
    assertThat(partitions("growing")).isEqualTo(4);
    // shrinking, staying, other brokers and unknown topics fail
    assertThat(
            failure(admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(2))).all()))
        .isInstanceOf(InvalidPartitionsException.class);
    assertThat(
            failure(admin.createPartitions(Map.of("growing", NewPartitions.increaseTo(4))).all()))
        .isInstanceOf(InvalidPartitionsException.class);
    assertThat(
            failure(
                admin
                    .createPartitions(
                        Map.of("growing", NewPartitions.increaseTo(5, List.of(List.of(2)))))
                    .all()))
        .isInstanceOf(InvalidReplicaAssignmentException.class);
    assertThat(
            failure(admin.createPartitions(Map.of("nowhere", NewPartitions.increaseTo(5))).all()))
        .isInstanceOf(UnknownTopicOrPartitionException.class);
  }

  private int partitions(String topic) throws Exception {
    Map<String, TopicDescription> described =
        get(admin.describeTopics(List.of(topic)).allTopicNames());
    return described.get(topic).partitions().size();
  }

  @Test
  void describeClusterNamesTheOneBroker() throws Exception {
    DescribeClusterResult cluster =
        admin.describeCluster(new DescribeClusterOptions().includeAuthorizedOperations(true));
    assertThat(get(cluster.clusterId())).isEqualTo(broker.broker().clusterId());
    assertThat(get(cluster.controller()).id()).isEqualTo(1);
    Collection<org.apache.kafka.common.Node> nodes = get(cluster.nodes());
    assertThat(nodes).singleElement().satisfies(n -> assertThat(n.port()).isEqualTo(broker.port()));
    assertThat(get(cluster.authorizedOperations()))
        .contains(AclOperation.DESCRIBE, AclOperation.ALTER_CONFIGS);
  }

  @Test
  void autoCreatedTopicsGetNumPartitions() throws Exception {
    // Given auto.create.topics.enable (the default) and num.partitions=2: a producer's metadata
    // request creates the topic
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("auto-created", new byte[] {1})).get(30, TimeUnit.SECONDS);
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(partitions("auto-created")).isEqualTo(2));
  }
}
