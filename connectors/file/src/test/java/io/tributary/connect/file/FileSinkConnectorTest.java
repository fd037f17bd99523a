package io.tributary.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class FileSinkConnectorTest {
  private final FileSinkConnector connector = new FileSinkConnector();

  private static Map<String, String> config(String... keyValues) {
    Map<String, String> config = new HashMap<>();
    config.put("topics", "t");
    for (int i = 0; i < keyValues.length; i += 2) {
      config.put(keyValues[i], keyValues[i + 1]);
    }
    return config;
  }

  private List<String> errors(Map<String, String> config, String key) {
    return connector.validate(config).configValues().stream()
        .filter(value -> value.name().equals(key))
        .findFirst()
        .map(ConfigValue::errorMessages)
        .orElseThrow();
  }

  @Test
  void everyKeyIsDocumentedWithADefaultAndImportance() {
    for (ConfigDef.ConfigKey key : FileSinkConfig.CONFIG_DEF.configKeys().values()) {
      assertThat(key.documentation).as(key.name).isNotBlank();
      assertThat(key.importance).as(key.name).isNotNull();
    }
  }

  @Test
  void aValidConfigHasNoErrorsAndEveryTaskGetsIt() {
    Map<String, String> config = config("file.dir", "/tmp/out", "format", "csv");
    assertThat(connector.validate(config).configValues())
        .allSatisfy(value -> assertThat(value.errorMessages()).as(value.name()).isEmpty());

    connector.start(config);

    assertThat(connector.taskConfigs(3))
        .hasSize(3)
        .allSatisfy(c -> assertThat(c).isEqualTo(config));
    assertThat(connector.taskClass()).isEqualTo(FileSinkTask.class);
    assertThat(connector.version()).isNotBlank();
  }

  @Test
  void theDirectoryAliasIsAccepted() {
    assertThat(new FileSinkConfig(config("directory", "/data/out")).directory())
        .hasToString("/data/out");
    assertThat(errors(config("directory", "/data/out"), "file.dir")).isEmpty();
  }

  @Test
  void aMissingDirectoryIsReportedOnItsKey() {
    assertThat(errors(config(), "file.dir"))
        .singleElement()
        .asString()
        .contains("file.dir")
        .contains("directory");
    assertThatThrownBy(() -> connector.start(config()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("file.dir");
  }

  @Test
  void badValuesNameTheKeyTheValueAndWhy() {
    assertThat(errors(config("file.dir", "/o", "flush.size", "0"), "flush.size"))
        .singleElement()
        .asString()
        .contains("0")
        .contains("at least 1");
    assertThat(errors(config("file.dir", "/o", "format", "xml"), "format"))
        .singleElement()
        .asString()
        .contains("xml")
        .contains("json");
    assertThat(errors(config("file.dir", "/o", "compression", "zstd"), "compression"))
        .singleElement()
        .asString()
        .contains("zstd");
    assertThat(errors(config("file.dir", "/o", "rotate.interval.ms", "0"), "rotate.interval.ms"))
        .singleElement()
        .asString()
        .contains("-1 to disable");
  }
}
