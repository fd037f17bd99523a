package io.tributary.connect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** Confluent keys the source does not implement are rejected, never silently ignored. */
class JdbcSourceUnsupportedKeysTest {
  private static Map<String, String> config() {
    Map<String, String> props = new HashMap<>();
    props.put("connection.url", "jdbc:postgresql://127.0.0.1:1/sales");
    props.put("mode", "bulk");
    props.put("topic.prefix", "sales-");
    return props;
  }

  @Test
  void aConfluentKeyThatIsNotImplementedIsAValidationErrorNamingIt() {
    Map<String, String> props = config();
    props.put("table.monitoring.startup.polling.limit.ms", "10000");

    Config result = new JdbcSourceConnector().validate(props);

    ConfigValue suffix =
        result.configValues().stream()
            .filter(v -> v.name().equals("table.monitoring.startup.polling.limit.ms"))
            .findFirst()
            .orElseThrow();
    assertThat(suffix.errorMessages())
        .singleElement()
        .asString()
        .contains("table.monitoring.startup.polling.limit.ms")
        .contains("not supported")
        .contains("remove it");
    assertThatThrownBy(() -> new JdbcSourceConfig(props).validated())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("table.monitoring.startup.polling.limit.ms");
  }

  @Test
  void withoutSuchKeysTheConfigIsValid() {
    Config result = new JdbcSourceConnector().validate(config());
    assertThat(result.configValues()).allSatisfy(v -> assertThat(v.errorMessages()).isEmpty());
  }
}
