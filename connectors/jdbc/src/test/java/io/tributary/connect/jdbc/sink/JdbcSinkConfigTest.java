package io.tributary.connect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class JdbcSinkConfigTest {
  private static Map<String, String> props(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    props.put("connection.url", "jdbc:postgresql://127.0.0.1:5432/db");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }

  @Test
  void defaultsAreConfluents() {
    // given only a URL
    JdbcSinkConfig config = new JdbcSinkConfig(props());

    // then the defaults are those of Confluent's JDBC sink, plus exactly once on
    assertThat(config.insertMode()).isEqualTo(InsertMode.INSERT);
    assertThat(config.pkMode()).isEqualTo(PkMode.NONE);
    assertThat(config.batchSize()).isEqualTo(3000);
    assertThat(config.tableNameFormat()).isEqualTo("${topic}");
    assertThat(config.timeZone().getId()).isEqualTo("UTC");
    assertThat(config.maxRetries()).isEqualTo(10);
    assertThat(config.retryBackoffMs()).isEqualTo(3000L);
    assertThat(config.quoteIdentifiers()).isTrue();
    assertThat(config.autoCreate()).isFalse();
    assertThat(config.autoEvolve()).isFalse();
    assertThat(config.deleteEnabled()).isFalse();
    assertThat(config.exactlyOnce()).isTrue();
    assertThat(config.offsetsTableName()).isEqualTo("__tributary_sink_offsets");
  }

  @Test
  void modesAreCaseInsensitive() {
    JdbcSinkConfig config =
        new JdbcSinkConfig(props("insert.mode", "UPSERT", "pk.mode", "Record_Value"));

    assertThat(config.insertMode()).isEqualTo(InsertMode.UPSERT);
    assertThat(config.pkMode()).isEqualTo(PkMode.RECORD_VALUE);
  }

  @Test
  void deleteNeedsRecordKeyPrimaryKeys() {
    assertThatThrownBy(
            () -> new JdbcSinkConfig(props("delete.enabled", "true", "pk.mode", "record_value")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("delete.enabled")
        .hasMessageContaining("pk.mode=record_key")
        .hasMessageContaining("record_value");
  }

  @Test
  void upsertAndUpdateNeedAPrimaryKey() {
    assertThatThrownBy(() -> new JdbcSinkConfig(props("insert.mode", "upsert")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pk.mode")
        .hasMessageContaining("insert.mode=upsert");
    assertThatThrownBy(() -> new JdbcSinkConfig(props("insert.mode", "update")))
        .hasMessageContaining("insert.mode=update");
  }

  @Test
  void upsertIsRejectedForTheGenericDialect() {
    assertThatThrownBy(
            () ->
                new JdbcSinkConfig(
                    Map.of(
                        "connection.url", "jdbc:derby:memory:x",
                        "insert.mode", "upsert",
                        "pk.mode", "record_key")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("insert.mode")
        .hasMessageContaining("generic dialect");
    // H2 has MERGE ... KEY, which the generic dialect's upsert writes
    assertThat(
            new JdbcSinkConfig(
                    Map.of(
                        "connection.url", "jdbc:h2:mem:x",
                        "insert.mode", "upsert",
                        "pk.mode", "record_key"))
                .insertMode())
        .isEqualTo(InsertMode.UPSERT);
  }

  @Test
  void kafkaPrimaryKeyNeedsThreeNamesOrNone() {
    assertThatThrownBy(() -> new JdbcSinkConfig(props("pk.mode", "kafka", "pk.fields", "t,p")))
        .hasMessageContaining("pk.fields")
        .hasMessageContaining("three");
    assertThat(new JdbcSinkConfig(props("pk.mode", "kafka", "pk.fields", "t,p,o")).pkFields())
        .containsExactly("t", "p", "o");
  }

  @Test
  void badSingleValuesNameKeyAndValue() {
    assertThatThrownBy(() -> new JdbcSinkConfig(props("insert.mode", "merge")))
        .hasMessageContaining("insert.mode")
        .hasMessageContaining("merge");
    assertThatThrownBy(() -> new JdbcSinkConfig(props("db.timezone", "Mars/Olympus")))
        .hasMessageContaining("db.timezone")
        .hasMessageContaining("Mars/Olympus");
    assertThatThrownBy(() -> new JdbcSinkConfig(props("batch.size", "0")))
        .hasMessageContaining("batch.size");
  }

  @Test
  void connectorValidateReportsCrossKeyProblemsOnTheKey() {
    // given a config whose keys are each fine but do not fit together
    Map<String, String> props = props("delete.enabled", "true", "name", "s", "topics", "t");

    // when validated as a worker does
    List<ConfigValue> values = new JdbcSinkConnector().validate(props).configValues();

    // then delete.enabled carries the error and nothing else does
    ConfigValue delete =
        values.stream().filter(v -> v.name().equals("delete.enabled")).findFirst().orElseThrow();
    assertThat(delete.errorMessages())
        .singleElement()
        .asString()
        .contains("Invalid value true for delete.enabled")
        .contains("pk.mode=record_key");
    assertThat(values.stream().filter(v -> !v.name().equals("delete.enabled")))
        .allMatch(v -> v.errorMessages().isEmpty());
  }

  @Test
  void everyKeyIsDocumented() {
    for (ConfigDef.ConfigKey key : JdbcSinkConfig.CONFIG_DEF.configKeys().values()) {
      assertThat(key.documentation).as(key.name).isNotBlank();
    }
  }

  @Test
  void fieldsIncludeListIsTheNewerNameOfFieldsWhitelist() {
    assertThat(new JdbcSinkConfig(props("fields.include.list", "a,b")).fieldsWhitelist())
        .containsExactly("a", "b");
    assertThat(new JdbcSinkConfig(props("fields.whitelist", "c")).fieldsWhitelist())
        .containsExactly("c");
    assertThatThrownBy(
            () -> new JdbcSinkConfig(props("fields.include.list", "a", "fields.whitelist", "a")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("fields.whitelist")
        .hasMessageContaining("fields.include.list");
  }
}
