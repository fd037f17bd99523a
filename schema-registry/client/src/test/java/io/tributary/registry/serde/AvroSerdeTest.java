package io.tributary.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.registry.client.MockSchemaRegistry;
import io.tributary.registry.client.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  private static final Schema USER =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"com.acme\",\"fields\":["
                  + "{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"age\",\"type\":\"int\"}]}");

  private String scope;
  private Map<String, Object> configs;

  @BeforeEach
  void setUp() {
    scope = "serde-" + UUID.randomUUID();
    configs = new HashMap<>();
    configs.put("schema.registry.url", "mock://" + scope);
  }

  @AfterEach
  void tearDown() {
    MockSchemaRegistry.dropScope(scope);
  }

  private SchemaRegistryClient registry() {
    return MockSchemaRegistry.getClientForScope(scope);
  }

  private AvroSerializer serializer(boolean isKey) {
    AvroSerializer serializer = new AvroSerializer();
    serializer.configure(configs, isKey);
    return serializer;
  }

  private AvroDeserializer deserializer(boolean isKey) {
    AvroDeserializer deserializer = new AvroDeserializer();
    deserializer.configure(configs, isKey);
    return deserializer;
  }

  private static GenericRecord user(String name, int age) {
    GenericRecord record = new GenericData.Record(USER);
    record.put("name", name);
    record.put("age", age);
    return record;
  }

  /** Confluent's wire format, computed here with Avro's own encoder. */
  private static byte[] expectedWireBytes(int id, Schema schema, Object datum) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<>(schema).write(datum, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  @Test
  void aGenericRecordIsWrittenInTheWireFormatUnderTheTopicValueSubject() throws IOException {
    // given
    registry().register("other", Schema.create(Schema.Type.STRING)); // so the id is not 1
    GenericRecord record = user("ada", 36);

    // when
    byte[] bytes = serializer(false).serialize("people", record);

    // then
    int id = registry().getLatestSchemaMetadata("people-value").id();
    assertThat(id).isEqualTo(2);
    assertThat(bytes).isEqualTo(expectedWireBytes(id, USER, record));
    assertThat(deserializer(false).deserialize("people", bytes)).isEqualTo(record);
  }

  @Test
  void keysUseTheTopicKeySubject() {
    serializer(true).serialize("people", user("a", 1));

    assertThat(registry().getAllSubjects()).containsExactly("people-key");
  }

  @Test
  void primitivesRoundTripAsTheirAvroPrimitiveSchemas() throws IOException {
    AvroSerializer serializer = serializer(false);
    AvroDeserializer deserializer = deserializer(false);
    Object[] values = {"text", 42, 7L, 1.5f, 2.5d, true, new byte[] {9, 8}};
    for (Object value : values) {
      byte[] bytes = serializer.serialize("prims", value);
      Object back = deserializer.deserialize("prims", bytes);
      if (value instanceof byte[] array) {
        assertThat((byte[]) back).isEqualTo(array);
      } else {
        assertThat(back).isEqualTo(value);
      }
    }
    byte[] text = serializer.serialize("prims", "text");
    int stringId = registry().getId("prims-value", Schema.create(Schema.Type.STRING));
    assertThat(text)
        .isEqualTo(
            expectedWireBytes(
                stringId,
                Schema.create(Schema.Type.STRING),
                new org.apache.avro.util.Utf8("text")));
    assertThat(serializer.serialize("prims", null)).isNull();
    assertThat(deserializer.deserialize("prims", null)).isNull();
  }

  @Test
  void specificRecordsAreWrittenAndReadBackAsTheirClassWithSpecificAvroReader() {
    // given
    configs.put("specific.avro.reader", true);
    TestUser user = new TestUser("grace", 85);

    // when
    byte[] bytes = serializer(false).serialize("users", user);
    Object back = deserializer(false).deserialize("users", bytes);

    // then
    assertThat(back).isInstanceOf(TestUser.class);
    assertThat(((TestUser) back).getName()).isEqualTo("grace");
    assertThat(((TestUser) back).getAge()).isEqualTo(85);
  }

  @Test
  void specificRecordsReadAsGenericRecordsByDefault() {
    byte[] bytes = serializer(false).serialize("users", new TestUser("grace", 85));

    Object back = deserializer(false).deserialize("users", bytes);

    assertThat(back).isInstanceOf(GenericRecord.class).isNotInstanceOf(TestUser.class);
    assertThat(((GenericRecord) back).get("age")).isEqualTo(85);
  }

  @Test
  void specificReaderWithoutAGeneratedClassIsAClearError() {
    configs.put("specific.avro.reader", true);
    byte[] bytes = serializer(false).serialize("people", user("a", 1));

    assertThatThrownBy(() -> deserializer(false).deserialize("people", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("com.acme.User")
        .hasMessageContaining("specific.avro.reader");
  }

  @Test
  void recordNameStrategiesUseTheRecordFullName() {
    configs.put(
        "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy");
    configs.put("key.subject.name.strategy", "TopicRecordNameStrategy");

    serializer(false).serialize("people", user("a", 1));
    serializer(true).serialize("people", user("b", 2));

    assertThat(registry().getAllSubjects())
        .containsExactly("com.acme.User", "people-com.acme.User");
  }

  @Test
  void withoutAutoRegisterAnUnregisteredSchemaFailsNamingTheSubject() {
    configs.put("auto.register.schemas", false);

    assertThatThrownBy(() -> serializer(false).serialize("people", user("a", 1)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("people-value")
        .hasMessageContaining("auto.register.schemas=false");
  }

  @Test
  void withoutAutoRegisterARegisteredSchemaIsLookedUp() {
    int id = registry().register("people-value", USER);
    configs.put("auto.register.schemas", false);

    byte[] bytes = serializer(false).serialize("people", user("a", 1));

    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    assertThat(registry().getAllVersions("people-value")).containsExactly(1);
  }

  @Test
  void useLatestVersionWritesWithTheSubjectsLatestSchema() throws IOException {
    // given: the latest version adds a field with a default
    Schema v2 =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"com.acme\",\"fields\":["
                    + "{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"age\",\"type\":\"int\"},"
                    + "{\"name\":\"email\",\"type\":\"string\",\"default\":\"unknown\"}]}");
    registry().register("people-value", USER);
    int latest = registry().register("people-value", v2);
    configs.put("auto.register.schemas", false);
    configs.put("use.latest.version", true);

    // when
    byte[] bytes = serializer(false).serialize("people", user("a", 1));

    // then
    GenericRecord expected = new GenericData.Record(v2);
    expected.put("name", "a");
    expected.put("age", 1);
    expected.put("email", "unknown");
    assertThat(bytes).isEqualTo(expectedWireBytes(latest, v2, expected));
    assertThat(deserializer(false).deserialize("people", bytes)).hasToString(expected.toString());
  }

  @Test
  void unknownMagicByteNamesTheTopicAndWhatToCheck() {
    assertThatThrownBy(
            () -> deserializer(false).deserialize("people", new byte[] {1, 0, 0, 0, 1, 2}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Unknown magic byte")
        .hasMessageContaining("value of topic 'people'")
        .hasMessageContaining("0x01");
  }

  @Test
  void unknownSchemaIdNamesTheIdTopicAndRegistrySetting() {
    byte[] bytes = ByteBuffer.allocate(6).put((byte) 0).putInt(4242).put((byte) 2).array();

    assertThatThrownBy(() -> deserializer(true).deserialize("people", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Schema id 4242")
        .hasMessageContaining("key of topic 'people'")
        .hasMessageContaining("schema.registry.url");
  }

  @Test
  void unsupportedObjectsAndMissingUrlAreClearErrors() {
    assertThatThrownBy(() -> serializer(false).serialize("t", new Object()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("java.lang.Object");
    AvroSerializer unconfigured = new AvroSerializer();
    assertThatThrownBy(() -> unconfigured.configure(Map.of(), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
    configs.put("value.subject.name.strategy", "NoSuchStrategy");
    assertThatThrownBy(() -> serializer(false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("value.subject.name.strategy");
  }

  @Test
  void alternatingSchemasAndTopicsKeepTheirOwnIdsBothWays() {
    // Given: two schemas and two topics, so every cached "last" lookup has to miss in turn
    Schema event =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"Event\",\"fields\":["
                    + "{\"name\":\"kind\",\"type\":\"string\"}]}");
    GenericRecord click = new GenericData.Record(event);
    click.put("kind", "click");
    try (AvroSerializer serializer = serializer(false);
        AvroDeserializer deserializer = deserializer(false)) {
      for (int i = 0; i < 4; i++) {
        // When
        byte[] userBytes = serializer.serialize("users", user("ann" + i, i));
        byte[] eventBytes = serializer.serialize("events", click);
        byte[] userAgain = serializer.serialize("users", user("bob" + i, i));

        // Then
        assertThat(deserializer.deserialize("users", userBytes)).isEqualTo(user("ann" + i, i));
        assertThat(deserializer.deserialize("events", eventBytes)).isEqualTo(click);
        assertThat(deserializer.deserialize("users", userAgain)).isEqualTo(user("bob" + i, i));
        assertThat(ByteBuffer.wrap(eventBytes, 1, 4).getInt())
            .isNotEqualTo(ByteBuffer.wrap(userBytes, 1, 4).getInt());
      }
    }
  }
}
