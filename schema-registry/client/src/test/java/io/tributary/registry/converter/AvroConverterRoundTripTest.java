package io.tributary.registry.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.registry.client.MockSchemaRegistry;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AvroConverterRoundTripTest {
  private static final String TOPIC = "orders";

  private String scope;
  private AvroConverter converter;

  @BeforeEach
  void setUp() {
    scope = "round-trip-" + UUID.randomUUID();
    converter = new AvroConverter();
    converter.configure(Map.of("schema.registry.url", "mock://" + scope), false);
  }

  @AfterEach
  void tearDown() {
    MockSchemaRegistry.dropScope(scope);
  }

  static Stream<Arguments> valuesOfEveryType() {
    Schema decimal = Decimal.builder(2).build();
    Schema decimalWithPrecision =
        Decimal.builder(3).parameter("connect.decimal.precision", "10").build();
    return Stream.of(
        Arguments.of(Schema.INT8_SCHEMA, (byte) -7),
        Arguments.of(Schema.INT16_SCHEMA, (short) 31000),
        Arguments.of(Schema.INT32_SCHEMA, 123456789),
        Arguments.of(Schema.INT64_SCHEMA, 1234567890123L),
        Arguments.of(Schema.FLOAT32_SCHEMA, 1.5f),
        Arguments.of(Schema.FLOAT64_SCHEMA, -2.25d),
        Arguments.of(Schema.BOOLEAN_SCHEMA, true),
        Arguments.of(Schema.STRING_SCHEMA, "héllo"),
        Arguments.of(Schema.BYTES_SCHEMA, new byte[] {0, 1, 2, (byte) 0xff}),
        Arguments.of(Schema.OPTIONAL_INT32_SCHEMA, 5),
        Arguments.of(Schema.OPTIONAL_STRING_SCHEMA, "present"),
        Arguments.of(decimal, new BigDecimal("-12345.67")),
        Arguments.of(decimalWithPrecision, new BigDecimal("1.234")),
        Arguments.of(Date.SCHEMA, new java.util.Date(19_000L * 86_400_000L)),
        Arguments.of(Time.SCHEMA, new java.util.Date(12_345_678L)),
        Arguments.of(Timestamp.SCHEMA, new java.util.Date(1_700_000_000_123L)),
        Arguments.of(SchemaBuilder.array(Schema.INT32_SCHEMA).build(), List.of(1, 2, 3)),
        Arguments.of(
            SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build(),
            Map.of("a", 1L, "b", 2L)),
        Arguments.of(
            SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build(),
            Map.of(1, "one", 2, "two")),
        Arguments.of(
            SchemaBuilder.int32().name("com.acme.Count").version(3).doc("a count").build(), 42));
  }

  @ParameterizedTest
  @MethodSource("valuesOfEveryType")
  void everyConnectTypeSurvivesARoundTrip(Schema schema, Object value) {
    // when
    byte[] bytes = converter.fromConnectData(TOPIC, schema, value);
    SchemaAndValue back = converter.toConnectData(TOPIC, bytes);

    // then: the same schema, versioned as the registry versioned it if it had no version
    assertThat(back.schema())
        .isEqualTo(withVersion(schema, schema.version() == null ? 1 : schema.version()));
    if (value instanceof byte[] array) {
      assertThat(back.value())
          .isInstanceOfSatisfying(byte[].class, b -> assertThat(b).isEqualTo(array));
    } else {
      assertThat(back.value()).isEqualTo(value);
    }
  }

  @Test
  void nestedStructsWithOptionalFieldsDefaultsArraysMapsAndEnumsSurvive() {
    // given
    Schema currency =
        SchemaBuilder.string()
            .parameter("io.confluent.connect.avro.Enum", "com.acme.Currency")
            .parameter("io.confluent.connect.avro.Enum.EUR", "EUR")
            .parameter("io.confluent.connect.avro.Enum.USD", "USD")
            .build();
    Schema address =
        SchemaBuilder.struct()
            .name("com.acme.Address")
            .field("street", Schema.STRING_SCHEMA)
            .field("zip", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    Schema schema =
        SchemaBuilder.struct()
            .name("com.acme.Order")
            .version(2)
            .doc("an order")
            .field("id", Schema.INT64_SCHEMA)
            .field("quantity", SchemaBuilder.int16().defaultValue((short) 1).build())
            .field("note", SchemaBuilder.string().optional().defaultValue("none").build())
            .field("price", Decimal.builder(2).optional().build())
            .field("currency", currency)
            .field("shipping", address)
            .field(
                "billing",
                SchemaBuilder.struct()
                    .name("com.acme.Address")
                    .field("street", Schema.STRING_SCHEMA)
                    .field("zip", Schema.OPTIONAL_STRING_SCHEMA)
                    .optional()
                    .build())
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field(
                "attributes",
                SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_FLOAT64_SCHEMA).build())
            .field("placed", Timestamp.builder().optional().build())
            .field(
                "lines",
                SchemaBuilder.array(
                        SchemaBuilder.struct()
                            .field("sku", Schema.STRING_SCHEMA)
                            .field("count", Schema.INT8_SCHEMA)
                            .build())
                    .build())
            .build();
    Struct shipping = new Struct(address).put("street", "Main St 1").put("zip", null);
    Schema lineSchema = schema.field("lines").schema().valueSchema();
    Map<String, Double> attributes = new LinkedHashMap<>();
    attributes.put("weight", 2.5);
    attributes.put("volume", null);
    Struct order =
        new Struct(schema)
            .put("id", 17L)
            .put("quantity", (short) 3)
            .put("note", null)
            .put("price", new BigDecimal("9.99"))
            .put("currency", "USD")
            .put("shipping", shipping)
            .put("billing", null)
            .put("tags", List.of("a", "b"))
            .put("attributes", attributes)
            .put("placed", new java.util.Date(1_700_000_000_000L))
            .put("lines", List.of(new Struct(lineSchema).put("sku", "X1").put("count", (byte) 2)));

    // when
    byte[] bytes = converter.fromConnectData(TOPIC, schema, order);
    SchemaAndValue back = converter.toConnectData(TOPIC, bytes);

    // then
    assertThat(back.schema()).isEqualTo(schema);
    Struct expected = new Struct(schema);
    schema.fields().forEach(f -> expected.put(f, order.get(f)));
    expected.put("note", "none"); // a null for a field with a default is written as the default
    assertThat(back.value()).isEqualTo(expected);
  }

  private static Schema withVersion(Schema schema, Integer version) {
    return new ConnectSchema(
        schema.type(),
        schema.isOptional(),
        schema.defaultValue(),
        schema.name(),
        version,
        schema.doc(),
        schema.parameters(),
        schema.type() == Schema.Type.STRUCT ? schema.fields() : null,
        schema.type() == Schema.Type.MAP ? schema.keySchema() : null,
        schema.type() == Schema.Type.MAP || schema.type() == Schema.Type.ARRAY
            ? schema.valueSchema()
            : null);
  }

  @Test
  void readSchemasCarryTheRegistryVersionUnlessTheyHaveTheirOwn() {
    // given
    Schema v1 = SchemaBuilder.struct().name("com.acme.W").field("a", Schema.INT32_SCHEMA).build();
    Schema v2 =
        SchemaBuilder.struct()
            .name("com.acme.W")
            .field("a", Schema.INT32_SCHEMA)
            .field("b", Schema.OPTIONAL_INT32_SCHEMA)
            .build();
    Schema own =
        SchemaBuilder.struct()
            .name("com.acme.W")
            .version(7)
            .field("a", Schema.INT32_SCHEMA)
            .build();

    // when
    byte[] first = converter.fromConnectData(TOPIC, v1, new Struct(v1).put("a", 1));
    byte[] second = converter.fromConnectData(TOPIC, v2, new Struct(v2).put("a", 1));
    byte[] third = converter.fromConnectData(TOPIC, own, new Struct(own).put("a", 1));

    // then
    assertThat(converter.toConnectData(TOPIC, first).schema().version()).isEqualTo(1);
    assertThat(converter.toConnectData(TOPIC, second).schema().version()).isEqualTo(2);
    assertThat(converter.toConnectData(TOPIC, third).schema().version()).isEqualTo(7);
  }

  @Test
  void tombstonesStayNull() {
    // when
    byte[] bytes = converter.fromConnectData(TOPIC, Schema.OPTIONAL_STRING_SCHEMA, null);

    // then
    assertThat(bytes).isNull();
    assertThat(converter.toConnectData(TOPIC, null)).isEqualTo(SchemaAndValue.NULL);
    Schema withDefault = SchemaBuilder.string().defaultValue("d").build();
    assertThat(converter.fromConnectData(TOPIC, withDefault, null)).isNull();
  }

  @Test
  void theSameSchemaGetsOneIdAndTheSecondSchemaAVersionTwo() {
    // given
    Schema v1 = SchemaBuilder.struct().name("com.acme.V").field("a", Schema.INT32_SCHEMA).build();
    Schema v2 =
        SchemaBuilder.struct()
            .name("com.acme.V")
            .field("a", Schema.INT32_SCHEMA)
            .field("b", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    // when
    byte[] first = converter.fromConnectData(TOPIC, v1, new Struct(v1).put("a", 1));
    byte[] again = converter.fromConnectData(TOPIC, v1, new Struct(v1).put("a", 2));
    byte[] second = converter.fromConnectData(TOPIC, v2, new Struct(v2).put("a", 3));

    // then
    assertThat(ByteBuffer.wrap(first, 1, 4).getInt())
        .isEqualTo(ByteBuffer.wrap(again, 1, 4).getInt());
    assertThat(ByteBuffer.wrap(second, 1, 4).getInt())
        .isNotEqualTo(ByteBuffer.wrap(first, 1, 4).getInt());
    assertThat(MockSchemaRegistry.getClientForScope(scope).getAllVersions(TOPIC + "-value"))
        .containsExactly(1, 2);
  }

  @Test
  void aMissingRequiredValueIsAClearError() {
    // given
    Schema schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();

    // when / then
    assertThatThrownBy(() -> converter.fromConnectData(TOPIC, schema, new Struct(schema)))
        .isInstanceOf(DataException.class);
  }

  @Test
  void bytesNotInTheWireFormatNameTheTopic() {
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, "plain text".getBytes()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("orders")
        .hasMessageContaining("magic byte");
  }

  @Test
  void anUnknownSchemaIdIsAClearError() {
    byte[] bytes = ByteBuffer.allocate(6).put((byte) 0).putInt(999).put((byte) 0).array();
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, bytes))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("Schema id 999")
        .hasMessageContaining("schema.registry.url");
  }
}
