package io.tributary.runtime.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.internal.herder.ConfigInfos;
import io.tributary.runtime.internal.herder.ConfigInfos.ConfigInfo;
import io.tributary.runtime.internal.herder.ConfigKeyInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectorConfigValidatorTest {
  private static final String SOURCE = "io.tributary.runtime.internal.task.CountingSourceConnector";
  private static final String SINK = "io.tributary.runtime.internal.task.CollectingSinkConnector";

  private final ClasspathTestPlugins plugins = new ClasspathTestPlugins();

  private ConnectorConfigValidator validator(String policy) {
    WorkerConfig worker =
        new WorkerConfig(Map.of(WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG, policy));
    return new ConnectorConfigValidator(
        plugins, worker, new ClientConfigs(worker, ClientConfigs.policy(worker, plugins)));
  }

  private static Optional<ConfigInfo> find(ConfigInfos infos, String key) {
    return infos.configs().stream().filter(c -> c.definition().name().equals(key)).findFirst();
  }

  @Test
  void validSourceConfigHasNoErrorsAndShowsCommonAndConnectorKeys() {
    Map<String, String> config = new HashMap<>();
    config.put("name", "src");
    config.put("connector.class", SOURCE);
    config.put("topic", "t");
    config.put("secret", "s3cr3t");

    ConfigInfos infos = validator("All").validate(config);

    assertThat(infos.errorCount()).isZero();
    assertThat(infos.name()).isEqualTo(SOURCE);
    assertThat(infos.groups()).startsWith("Common").contains("Error Handling", "Topic Creation");
    assertThat(find(infos, "tasks.max")).isPresent();
    assertThat(find(infos, "topic").orElseThrow().value().value()).isEqualTo("t");
    assertThat(find(infos, "secret").orElseThrow().value().value()).isEqualTo("[hidden]");
  }

  @Test
  void unknownConnectorClassIsAnErrorOnConnectorClass() {
    ConfigInfos infos =
        validator("All").validate(Map.of("name", "x", "connector.class", "no.such.Connector"));

    assertThat(infos.errorCount()).isEqualTo(1);
    assertThat(find(infos, "connector.class").orElseThrow().value().errors())
        .singleElement()
        .asString()
        .contains("no.such.Connector");
  }

  @Test
  void sinkTopicErrorsAndTransformKeysAreReported() {
    Map<String, String> config = new HashMap<>();
    config.put("name", "sink");
    config.put("connector.class", SINK);
    config.put("transforms", "insert");
    config.put("transforms.insert.type", "org.apache.kafka.connect.transforms.InsertField$Value");

    ConfigInfos infos = validator("All").validate(config);

    assertThat(find(infos, "topics").orElseThrow().value().errors())
        .containsExactly("Must configure one of topics or topics.regex");
    assertThat(find(infos, "transforms.insert.static.field")).isPresent();
    assertThat(infos.groups()).contains("Transforms: insert");
    assertThat(infos.errorCount()).isEqualTo(2);
  }

  @Test
  void connectorConvertersSettingsAreValidatedWithTheirPrefix() {
    Map<String, String> config = new HashMap<>();
    config.put("name", "src");
    config.put("connector.class", SOURCE);
    config.put("topic", "t");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "maybe");

    ConfigInfos infos = validator("All").validate(config);

    assertThat(infos.errorCount()).isEqualTo(1);
    assertThat(find(infos, "value.converter.schemas.enable").orElseThrow().value().errors())
        .singleElement()
        .asString()
        .contains("schemas.enable");
  }

  @Test
  void rejectedClientOverrideNamesTheKeyAndThePolicy() {
    Map<String, String> config = new HashMap<>();
    config.put("name", "src");
    config.put("connector.class", SOURCE);
    config.put("topic", "t");
    config.put("producer.override.linger.ms", "5");

    ConfigInfos infos = validator("None").validate(config);

    assertThat(infos.errorCount()).isEqualTo(1);
    assertThat(find(infos, "producer.override.linger.ms").orElseThrow().value().errors())
        .containsExactly("The 'None' policy does not allow 'linger.ms' to be overridden");
    assertThat(validator("All").validate(config).errorCount()).isZero();
  }

  @Test
  void maskHidesPasswordsOfTheConnectorAndClientOverrides() {
    Map<String, String> config = new HashMap<>();
    config.put("name", "src");
    config.put("connector.class", SOURCE);
    config.put("secret", "s3cr3t");
    config.put("producer.override.ssl.key.password", "pw");
    config.put("topic", "t");

    Map<String, String> masked = validator("All").mask(config);

    assertThat(masked)
        .containsEntry("secret", "[hidden]")
        .containsEntry("producer.override.ssl.key.password", "[hidden]")
        .containsEntry("topic", "t");
  }

  @Test
  void pluginConfigListsThePluginsKeys() {
    List<ConfigKeyInfo> keys =
        validator("All").pluginConfig("org.apache.kafka.connect.transforms.InsertField$Value");

    assertThat(keys).extracting(ConfigKeyInfo::name).contains("static.field", "topic.field");
  }
}
