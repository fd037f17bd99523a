package io.tributary.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {
  private static Map<String, String> minimal() {
    return new HashMap<>(Map.of("kafkastore.bootstrap.servers", "127.0.0.1:9092"));
  }

  @Test
  void everyKeyIsDocumented() {
    // then
    for (ConfigDef.ConfigKey key : RegistryConfig.configDef().configKeys().values()) {
      assertThat(key.documentation).as(key.name).isNotBlank();
    }
    assertThat(RegistryConfig.configDef().names())
        .contains(
            "listeners",
            "kafkastore.bootstrap.servers",
            "kafkastore.topic",
            "kafkastore.timeout.ms",
            "schema.compatibility.level",
            "schema.registry.group.id",
            "host.name",
            "leader.eligibility");
  }

  @Test
  void defaultsAreConfluents() {
    // when
    RegistryConfig config = new RegistryConfig(minimal());

    // then
    assertThat(config.listenerHost()).isEqualTo("0.0.0.0");
    assertThat(config.listenerPort()).isEqualTo(8081);
    assertThat(config.topic()).isEqualTo("_schemas");
    assertThat(config.electionTopic()).isEqualTo("_schemas_leader");
    assertThat(config.storeTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.compatibilityLevel()).isEqualTo("BACKWARD");
    assertThat(config.groupId()).isEqualTo("schema-registry");
    assertThat(config.hostName()).isEmpty();
    assertThat(config.leaderEligible()).isTrue();
    assertThat(config.topicReplicationFactor()).isEqualTo(3);
  }

  @Test
  void kafkastorePrefixedClientSettingsPassThrough() {
    // given
    Map<String, String> props = minimal();
    props.put("kafkastore.bootstrap.servers", "PLAINTEXT://a:9092,b:9093");
    props.put("kafkastore.security.protocol", "SASL_PLAINTEXT");
    props.put("kafkastore.topic", "my_schemas");

    // when
    Map<String, Object> client = new RegistryConfig(props).kafkaClientConfig();

    // then
    assertThat(client)
        .containsOnly(
            Map.entry("bootstrap.servers", "a:9092,b:9093"),
            Map.entry("security.protocol", "SASL_PLAINTEXT"));
  }

  @Test
  void listenerAndLevelAreParsed() {
    // given
    Map<String, String> props = minimal();
    props.put("listeners", "http://127.0.0.1:0");
    props.put("schema.compatibility.level", "FULL_transitive");
    props.put("leader.eligibility", "false");

    // when
    RegistryConfig config = new RegistryConfig(props);

    // then
    assertThat(config.listenerHost()).isEqualTo("127.0.0.1");
    assertThat(config.listenerPort()).isZero();
    assertThat(config.compatibilityLevel()).isEqualTo("FULL_TRANSITIVE");
    assertThat(config.leaderEligible()).isFalse();
  }

  @Test
  void invalidValuesNameTheKey() {
    assertThatThrownBy(() -> new RegistryConfig(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafkastore.bootstrap.servers");
    assertThatThrownBy(() -> new RegistryConfig(with("kafkastore.bootstrap.servers", "")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafkastore.bootstrap.servers");
    assertThatThrownBy(() -> new RegistryConfig(with("schema.compatibility.level", "sideways")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.compatibility.level")
        .hasMessageContaining("sideways");
    assertThatThrownBy(() -> new RegistryConfig(with("listeners", "https://0.0.0.0:8081")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("listeners")
        .hasMessageContaining("only http");
    assertThatThrownBy(() -> new RegistryConfig(with("listeners", "http://a:8081,http://b:8082")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("exactly one listener");
    assertThatThrownBy(() -> new RegistryConfig(with("kafkastore.timeout.ms", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafkastore.timeout.ms");
  }

  private static Map<String, String> with(String key, String value) {
    Map<String, String> props = minimal();
    props.put(key, value);
    return props;
  }
}
