package io.tributary.registry.server.internal.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegistryRecordSerdeTest {
  private static final String SCHEMA =
      "{\"type\":\"record\",\"name\":\"User\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}";

  private final RegistryRecordSerde serde = new RegistryRecordSerde();
  private final ObjectMapper mapper = new ObjectMapper();

  static Stream<RegistryRecord> everyRecordType() {
    return Stream.of(
        new RegistryRecord.SchemaVersion("users-value", 1, 1, "AVRO", SCHEMA, List.of(), false),
        new RegistryRecord.SchemaVersion(
            "orders-value",
            3,
            7,
            "AVRO",
            SCHEMA,
            List.of(new RegistryRecord.Reference("com.acme.User", "users-value", 1)),
            true),
        new RegistryRecord.SchemaVersionRemoved("users-value", 2),
        new RegistryRecord.CompatibilityConfig(null, "FULL", null),
        new RegistryRecord.CompatibilityConfig("users-value", "NONE", true),
        new RegistryRecord.CompatibilityConfig("users-value", null, null),
        new RegistryRecord.CompatibilityConfig(null, null, null),
        new RegistryRecord.ModeConfig(null, "READONLY"),
        new RegistryRecord.ModeConfig("users-value", "IMPORT"),
        new RegistryRecord.ModeConfig("users-value", null),
        new RegistryRecord.SubjectDeleted("users-value", 4),
        new RegistryRecord.Noop());
  }

  @ParameterizedTest
  @MethodSource("everyRecordType")
  void everyRecordTypeRoundTrips(RegistryRecord record) {
    // when
    RegistryRecordSerde.Serialized bytes = serde.serialize(record);

    // then
    assertThat(serde.deserialize(bytes.key(), bytes.value(), "test")).contains(record);
  }

  @Test
  void schemaVersionIsWrittenInConfluentLayout() throws Exception {
    // given
    RegistryRecord record =
        new RegistryRecord.SchemaVersion(
            "orders-value",
            3,
            7,
            "AVRO",
            SCHEMA,
            List.of(new RegistryRecord.Reference("com.acme.User", "users-value", 1)),
            false);

    // when
    RegistryRecordSerde.Serialized bytes = serde.serialize(record);

    // then
    assertThat(json(bytes.key()))
        .isEqualTo(
            mapper.readTree(
                "{\"keytype\":\"SCHEMA\",\"subject\":\"orders-value\",\"version\":3,\"magic\":1}"));
    JsonNode value = json(bytes.value());
    assertThat(value.get("subject").asText()).isEqualTo("orders-value");
    assertThat(value.get("version").asInt()).isEqualTo(3);
    assertThat(value.get("id").asInt()).isEqualTo(7);
    assertThat(value.get("schemaType").asText()).isEqualTo("AVRO");
    assertThat(value.get("schema").asText()).isEqualTo(SCHEMA);
    assertThat(value.get("deleted").asBoolean()).isFalse();
    assertThat(value.get("references"))
        .isEqualTo(
            mapper.readTree(
                "[{\"name\":\"com.acme.User\",\"subject\":\"users-value\",\"version\":1}]"));
  }

  @Test
  void globalConfigKeyHasNoSubject() throws Exception {
    // when
    RegistryRecordSerde.Serialized bytes =
        serde.serialize(new RegistryRecord.CompatibilityConfig(null, "BACKWARD", null));

    // then
    assertThat(json(bytes.key()))
        .isEqualTo(mapper.readTree("{\"keytype\":\"CONFIG\",\"magic\":0}"));
    assertThat(json(bytes.value()))
        .isEqualTo(mapper.readTree("{\"compatibilityLevel\":\"BACKWARD\"}"));
  }

  @Test
  void noopIsAKeyWithoutValue() throws Exception {
    // when
    RegistryRecordSerde.Serialized bytes = serde.serialize(new RegistryRecord.Noop());

    // then
    assertThat(json(bytes.key())).isEqualTo(mapper.readTree("{\"keytype\":\"NOOP\",\"magic\":0}"));
    assertThat(bytes.value()).isNull();
  }

  @Test
  void readsRecordsAsConfluentWritesThem() {
    // given: keys and values shaped as Confluent Schema Registry 7.x writes them, with fields this
    // registry does not use (md5, metadata, other config fields) and no schemaType (older writers)
    String schemaKey = "{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":2,\"magic\":1}";
    String schemaValue =
        "{\"subject\":\"t-value\",\"version\":2,\"id\":21,\"md5\":\"0a1b\",\"metadata\":{},"
            + "\"schema\":\"\\\"string\\\"\",\"deleted\":false}";
    String configKey = "{\"keytype\":\"CONFIG\",\"subject\":\"t-value\",\"magic\":0}";
    String configValue =
        "{\"subject\":\"t-value\",\"alias\":null,\"normalize\":false,"
            + "\"compatibilityLevel\":\"FORWARD_TRANSITIVE\",\"validateFields\":true}";
    String globalConfigKey = "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}";
    String modeKey = "{\"keytype\":\"MODE\",\"magic\":0}";
    String modeValue = "{\"mode\":\"READONLY\"}";
    String deleteKey = "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"t-value\",\"magic\":0}";
    String deleteValue = "{\"subject\":\"t-value\",\"version\":2}";

    // then
    assertThat(read(schemaKey, schemaValue))
        .contains(
            new RegistryRecord.SchemaVersion(
                "t-value", 2, 21, "AVRO", "\"string\"", List.of(), false));
    assertThat(read(schemaKey, null))
        .contains(new RegistryRecord.SchemaVersionRemoved("t-value", 2));
    assertThat(read(configKey, configValue))
        .contains(new RegistryRecord.CompatibilityConfig("t-value", "FORWARD_TRANSITIVE", false));
    assertThat(read(globalConfigKey, "{\"compatibilityLevel\":\"NONE\"}"))
        .contains(new RegistryRecord.CompatibilityConfig(null, "NONE", null));
    assertThat(read(modeKey, modeValue)).contains(new RegistryRecord.ModeConfig(null, "READONLY"));
    assertThat(read(deleteKey, deleteValue))
        .contains(new RegistryRecord.SubjectDeleted("t-value", 2));
    assertThat(read("{\"keytype\":\"NOOP\",\"magic\":0}", null))
        .contains(new RegistryRecord.Noop());
  }

  @Test
  void unknownOrUnreadableKeysAreSkipped() {
    // then
    assertThat(
            read("{\"keytype\":\"CONTEXT\",\"tenant\":\"t\",\"context\":\".\",\"magic\":0}", "{}"))
        .isEmpty();
    assertThat(read("{\"keytype\":\"CLEAR_SUBJECT\",\"subject\":\"s\",\"magic\":0}", "{}"))
        .isEmpty();
    assertThat(read("{\"magic\":0}", "{}")).isEmpty();
    assertThat(read("not json", "{}")).isEmpty();
    assertThat(read("[1,2]", null)).isEmpty();
    assertThat(read("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"magic\":1}", "{}")).isEmpty();
    assertThat(serde.deserialize(null, new byte[0], "test")).isEmpty();
  }

  private java.util.Optional<RegistryRecord> read(String key, String value) {
    return serde.deserialize(
        key.getBytes(UTF_8), value == null ? null : value.getBytes(UTF_8), "t");
  }

  private JsonNode json(byte[] bytes) throws Exception {
    return mapper.readTree(bytes);
  }
}
