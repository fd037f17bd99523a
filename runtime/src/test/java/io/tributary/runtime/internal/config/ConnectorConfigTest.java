package io.tributary.runtime.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.runtime.internal.errors.ToleranceType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ConnectorConfigTest {
  private static final String INSERT_FIELD =
      "org.apache.kafka.connect.transforms.InsertField$Value";
  private static final String TOPIC_MATCHES =
      "org.apache.kafka.connect.transforms.predicates.TopicNameMatches";

  private final ClasspathTestPlugins plugins = new ClasspathTestPlugins();

  private static Map<String, String> sink() {
    Map<String, String> props = new HashMap<>();
    props.put("name", "s");
    props.put("connector.class", "some.Sink");
    props.put("topics", "a,b");
    return props;
  }

  @Test
  void enrichedDefinitionHasTheTransformAndPredicateKeys() {
    // Given a transformation gated by a predicate
    Map<String, String> props = sink();
    props.put("transforms", "insert");
    props.put("transforms.insert.type", INSERT_FIELD);
    props.put("transforms.insert.static.field", "origin");
    props.put("transforms.insert.static.value", "test");
    props.put("transforms.insert.predicate", "isA");
    props.put("predicates", "isA");
    props.put("predicates.isA.type", TOPIC_MATCHES);
    props.put("predicates.isA.pattern", "a");

    // When the definition is enriched
    ConfigDef def =
        PluginResolvingClassLoader.withPlugins(
            plugins,
            () -> EnrichedConfigDef.enrich(plugins, SinkConnectorConfig.configDef(), props, true));

    // Then it holds each plugin's own keys under its prefix, in its own group
    assertThat(def.configKeys())
        .containsKeys(
            "transforms.insert.type",
            "transforms.insert.predicate",
            "transforms.insert.negate",
            "transforms.insert.static.field",
            "transforms.insert.offset.field",
            "predicates.isA.type",
            "predicates.isA.pattern");
    assertThat(def.configKeys().get("transforms.insert.static.field").group)
        .isEqualTo("Transforms: insert");
    assertThat(def.groups())
        .contains(
            "Common",
            "Transforms",
            "Predicates",
            "Error Handling",
            "Transforms: insert",
            "Predicates: isA");

    // And the config parses with those values
    SinkConnectorConfig config = SinkConnectorConfig.parse(plugins, props);
    assertThat(config.transforms()).containsExactly("insert");
    assertThat(config.getString("transforms.insert.static.field")).isEqualTo("origin");
    assertThat(config.topics()).containsExactly("a", "b");
  }

  @Test
  void missingPredicatePatternIsAnErrorOnItsKey() {
    Map<String, String> props = sink();
    props.put("predicates", "isA");
    props.put("predicates.isA.type", TOPIC_MATCHES);

    assertThatThrownBy(() -> SinkConnectorConfig.parse(plugins, props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("predicates.isA.pattern");
  }

  @Test
  void negateWithoutPredicateIsRejected() {
    Map<String, String> props = sink();
    props.put("transforms", "insert");
    props.put("transforms.insert.type", INSERT_FIELD);
    props.put("transforms.insert.static.field", "origin");
    props.put("transforms.insert.negate", "true");

    assertThatThrownBy(() -> SinkConnectorConfig.parse(plugins, props))
        .hasMessageContaining(
            "'transforms.insert.negate' was provided but there is no config"
                + " 'transforms.insert.predicate'");
  }

  @Test
  void topicsAndTopicsRegexAreMutuallyExclusive() {
    Map<String, String> props = sink();
    props.put("topics.regex", "a.*");
    Map<String, ConfigValue> validated = new HashMap<>();

    SinkConnectorConfig.validate(props, validated);

    String message = "topics and topics.regex are mutually exclusive options, but both are set.";
    assertThat(validated.get("topics").errorMessages()).containsExactly(message);
    assertThat(validated.get("topics.regex").errorMessages()).containsExactly(message);
    assertThatThrownBy(() -> SinkConnectorConfig.parse(plugins, props))
        .hasMessageContaining(message);
  }

  @Test
  void oneOfTopicsOrTopicsRegexIsRequired() {
    Map<String, String> props = sink();
    props.remove("topics");
    Map<String, ConfigValue> validated = new HashMap<>();

    SinkConnectorConfig.validate(props, validated);

    assertThat(validated.get("topics").errorMessages())
        .containsExactly("Must configure one of topics or topics.regex");
  }

  @Test
  void deadLetterQueueTopicMayNotBeConsumed() {
    Map<String, String> props = sink();
    props.put("errors.deadletterqueue.topic.name", "b");
    Map<String, ConfigValue> validated = new HashMap<>();

    SinkConnectorConfig.validate(props, validated);

    assertThat(validated.get("topics").errorMessages())
        .containsExactly(
            "The DLQ topic 'b' may not be included in the list of topics ('topics=[a, b]')"
                + " consumed by the connector");
  }

  @Test
  void errorSettingsHaveKafkaConnectsDefaults() {
    SinkConnectorConfig config = SinkConnectorConfig.parse(plugins, sink());

    assertThat(config.errorPolicy().retryTimeoutMs()).isZero();
    assertThat(config.errorPolicy().maxDelayMs()).isEqualTo(60_000L);
    assertThat(config.errorPolicy().tolerance()).isEqualTo(ToleranceType.NONE);
    assertThat(config.dlqReplicationFactor()).isEqualTo((short) 3);
    assertThat(config.errantRecordReporterEnabled()).isFalse();
    assertThat(config.tasksMax()).isEqualTo(1);
  }

  @Test
  void tasksMaxMustBePositive() {
    Map<String, String> props = sink();
    props.put("tasks.max", "0");

    assertThatThrownBy(() -> SinkConnectorConfig.parse(plugins, props))
        .hasMessageContaining("tasks.max");
  }

  @Test
  void exactlyOnceSourceSettingsAreRejected() {
    Map<String, String> props = new HashMap<>(Map.of("name", "src", "connector.class", "x.Source"));
    props.put("exactly.once.support", "required");
    props.put("transaction.boundary", "connector");

    assertThatThrownBy(() -> SourceConnectorConfig.parse(plugins, props, true))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("exactly-once");
    Map<String, ConfigValue> validated = new HashMap<>();
    SourceConnectorConfig.validate(props, validated);
    assertThat(validated).containsKeys("exactly.once.support", "transaction.boundary");
  }

  @Test
  void topicCreationGroupsMatchInOrderWithDefaultLast() {
    // Given a compacted group for topics starting with "c" and a default
    Map<String, String> props = new HashMap<>(Map.of("name", "src", "connector.class", "x.Source"));
    props.put("topic.creation.groups", "compacted");
    props.put("topic.creation.default.replication.factor", "1");
    props.put("topic.creation.default.partitions", "3");
    props.put("topic.creation.compacted.include", "c.*");
    props.put("topic.creation.compacted.exclude", "c-not");
    props.put("topic.creation.compacted.partitions", "1");
    props.put("topic.creation.compacted.cleanup.policy", "compact");

    // When parsed
    SourceConnectorConfig config = SourceConnectorConfig.parse(plugins, props, true);
    List<TopicCreationGroup> groups = config.topicCreationGroups();

    // Then the first matching group wins; other groups inherit the default replication factor
    assertThat(config.topicCreation()).isTrue();
    assertThat(groups).extracting(TopicCreationGroup::name).containsExactly("compacted", "default");
    TopicCreationGroup compacted = groups.get(0);
    assertThat(compacted.matches("c-1")).isTrue();
    assertThat(compacted.matches("c-not")).isFalse();
    assertThat(compacted.partitions()).isEqualTo(1);
    assertThat(compacted.replicationFactor()).isEqualTo(1);
    assertThat(compacted.topicConfigs()).containsEntry("cleanup.policy", "compact");
    assertThat(groups.get(1).matches("anything")).isTrue();
    assertThat(groups.get(1).partitions()).isEqualTo(3);
  }

  @Test
  void topicCreationNeedsTheDefaultGroupsSettings() {
    Map<String, String> props = new HashMap<>(Map.of("name", "src", "connector.class", "x.Source"));
    props.put("topic.creation.default.partitions", "3");

    assertThatThrownBy(() -> SourceConnectorConfig.parse(plugins, props, true))
        .hasMessageContaining("topic.creation.default.replication.factor");
    assertThat(SourceConnectorConfig.parse(plugins, props, false).topicCreation()).isFalse();
  }
}
