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

class FileSourceConnectorTest {

  private static Map<String, String> valid() {
    Map<String, String> props = new HashMap<>();
    props.put("file.patterns", "/var/log/app/*.log");
    props.put("topic", "logs");
    return props;
  }

  private static List<String> errors(Map<String, String> props, String key) {
    return new FileSourceConnector()
        .validate(props).configValues().stream()
            .filter(value -> value.name().equals(key))
            .findFirst()
            .map(ConfigValue::errorMessages)
            .orElseThrow();
  }

  @Test
  void documentsEveryKey() {
    for (ConfigDef.ConfigKey key : FileSourceConfig.CONFIG_DEF.configKeys().values()) {
      if (!key.internalConfig) {
        assertThat(key.documentation).as(key.name).isNotBlank();
      }
    }
  }

  @Test
  void acceptsAValidConfigAndGivesEachTaskItsIndex() {
    // given
    FileSourceConnector connector = new FileSourceConnector();
    // when
    connector.start(valid());
    List<Map<String, String>> tasks = connector.taskConfigs(3);
    // then
    assertThat(tasks).hasSize(3);
    assertThat(tasks.get(2))
        .containsEntry(FileSourceConfig.TASK_INDEX_CONFIG, "2")
        .containsEntry(FileSourceConfig.TASK_COUNT_CONFIG, "3")
        .containsEntry("topic", "logs");
    assertThat(connector.validate(valid()).configValues())
        .allMatch(value -> value.errorMessages().isEmpty());
  }

  @Test
  void rejectsBadValuesNamingTheKeyAndValue() {
    Map<String, String> relative = valid();
    relative.put("file.patterns", "logs/*.log");
    assertThat(errors(relative, "file.patterns").get(0))
        .contains("logs/*.log", "file.patterns", "absolute");

    Map<String, String> charset = valid();
    charset.put("charset", "UTF-16");
    assertThat(errors(charset, "charset").get(0)).contains("UTF-16", "ASCII-compatible");

    Map<String, String> regex = valid();
    regex.put("multiline.pattern", "([a-z");
    assertThat(errors(regex, "multiline.pattern").get(0)).contains("not a valid regex");

    Map<String, String> format = valid();
    format.put("format", "xml");
    assertThat(errors(format, "format")).isNotEmpty();
  }

  @Test
  void rejectsInconsistentKeys() {
    Map<String, String> topics = valid();
    topics.put("file.pattern.topics", "a,b");
    assertThat(errors(topics, "file.pattern.topics").get(0))
        .contains("one topic per entry of file.patterns");

    Map<String, String> keyField = valid();
    keyField.put("key.field", "id");
    assertThat(errors(keyField, "key.field").get(0)).contains("format=json");
    assertThatThrownBy(() -> new FileSourceConnector().start(keyField))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key.field");

    Map<String, String> multiline = valid();
    multiline.put("format", "json");
    multiline.put("multiline.pattern", "^x");
    assertThat(errors(multiline, "multiline.pattern").get(0)).contains("needs format=raw");
  }
}
