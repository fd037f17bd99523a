package io.tributary.registry.converter;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.registry.client.MockSchemaRegistry;
import io.tributary.registry.client.SchemaRegistryClient;
import io.tributary.registry.serde.AvroSerdeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroConverterWireFormatTest {
  private final String scope = "wire-" + UUID.randomUUID();

  @AfterEach
  void drop() {
    MockSchemaRegistry.dropScope(scope);
  }

  private AvroConverter converter(boolean isKey, Map<String, ?> extra) {
    AvroConverter converter = new AvroConverter();
    java.util.HashMap<String, Object> configs = new java.util.HashMap<>(extra);
    configs.put("schema.registry.url", "mock://" + scope);
    converter.configure(configs, isKey);
    return converter;
  }

  @Test
  void bytesAreMagicZeroTheBigEndianIdAndAvrosBinaryEncoding() throws IOException {
    // given
    Schema schema =
        SchemaBuilder.struct()
            .name("shop.Sale")
            .field("item", Schema.STRING_SCHEMA)
            .field("amount", Decimal.schema(2))
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    Struct sale =
        new Struct(schema)
            .put("item", "tea")
            .put("amount", new BigDecimal("3.50"))
            .put("note", null);
    SchemaRegistryClient registry = MockSchemaRegistry.getClientForScope(scope);
    registry.register("unrelated", org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG));

    // when
    byte[] bytes = converter(false, Map.of()).fromConnectData("sales", schema, sale);

    // then: computed independently with Avro's writer against the registered schema
    org.apache.avro.Schema registered = registry.getSchemaById(2);
    assertThat(registry.getLatestSchemaMetadata("sales-value").id()).isEqualTo(2);
    GenericRecord record = new GenericData.Record(registered);
    record.put("item", "tea");
    record.put("amount", ByteBuffer.wrap(new BigDecimal("3.50").unscaledValue().toByteArray()));
    record.put("note", null);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(new byte[] {0, 0, 0, 0, 2});
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expected, null);
    new GenericDatumWriter<>(registered).write(record, encoder);
    encoder.flush();
    assertThat(bytes).isEqualTo(expected.toByteArray());
  }

  @Test
  void keyConvertersUseTheKeySubjectAndKeyStrategy() {
    // given
    AvroConverter keys =
        converter(
            true,
            Map.of(
                "key.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.TopicNameStrategy"));

    // when
    byte[] bytes = keys.fromConnectData("sales", Schema.STRING_SCHEMA, "k1");
    SchemaAndValue back = keys.toConnectData("sales", bytes);

    // then
    assertThat(MockSchemaRegistry.getClientForScope(scope).getAllSubjects())
        .containsExactly("sales-key");
    assertThat(back.value()).isEqualTo("k1");
    assertThat(bytes).startsWith(0, 0, 0, 0, 1);
  }

  @Test
  void dataWrittenByTheSerializerReadsThroughTheConverter() {
    // given: a producer's generic record with an Avro enum
    org.apache.avro.Schema avro =
        new org.apache.avro.Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"Ping\",\"fields\":["
                    + "{\"name\":\"level\",\"type\":{\"type\":\"enum\",\"name\":\"Level\",\"symbols\":[\"LOW\",\"HIGH\"]}},"
                    + "{\"name\":\"at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}}]}");
    GenericRecord ping = new GenericData.Record(avro);
    ping.put("level", new GenericData.EnumSymbol(avro.getField("level").schema(), "HIGH"));
    ping.put("at", 1000L);
    io.tributary.registry.serde.AvroSerializer serializer =
        new io.tributary.registry.serde.AvroSerializer();
    serializer.configure(Map.of("schema.registry.url", "mock://" + scope), false);
    byte[] bytes = serializer.serialize("pings", ping);

    // when
    AvroConverter converter = converter(false, Map.of());
    SchemaAndValue connect = converter.toConnectData("pings", bytes);
    byte[] again = converter.fromConnectData("pings", connect.schema(), connect.value());

    // then: the same Avro encoding after the header; the schema written back is the producer's
    // plus the converter's connect.* annotations, so it is registered as a second version
    Struct value = (Struct) connect.value();
    assertThat(value.get("level")).isEqualTo("HIGH");
    assertThat(value.get("at")).isEqualTo(new java.util.Date(1000L));
    assertThat(java.util.Arrays.copyOfRange(again, 5, again.length))
        .isEqualTo(java.util.Arrays.copyOfRange(bytes, 5, bytes.length));
    org.apache.avro.Schema written =
        MockSchemaRegistry.getClientForScope(scope)
            .getSchemaById(ByteBuffer.wrap(again, 1, 4).getInt());
    assertThat(written.getField("level").schema().getEnumSymbols()).containsExactly("LOW", "HIGH");
    assertThat(written.getField("at").schema().getLogicalType())
        .isEqualTo(org.apache.avro.LogicalTypes.timestampMillis());
  }

  @Test
  void dataReadUnderAnotherSubjectStrategyHasNoRegistryVersion() {
    // given: written under orders-value, read by a converter naming subjects after records
    Schema schema =
        SchemaBuilder.struct().name("shop.Item").field("n", Schema.INT32_SCHEMA).build();
    byte[] bytes =
        converter(false, Map.of())
            .fromConnectData("orders", schema, new Struct(schema).put("n", 4));
    AvroConverter reader =
        converter(false, Map.of("value.subject.name.strategy", "RecordNameStrategy"));

    // when
    SchemaAndValue first = reader.toConnectData("orders", bytes);
    SchemaAndValue second = reader.toConnectData("orders", bytes);

    // then
    assertThat(first.schema()).isEqualTo(schema);
    assertThat(first.value()).isEqualTo(new Struct(schema).put("n", 4));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void theConverterIsFoundByServiceLoading() {
    assertThat(ServiceLoader.load(Converter.class).stream().map(ServiceLoader.Provider::type))
        .contains(AvroConverter.class);
  }

  @Test
  void everyConfigKeyIsDocumented() {
    ConfigDef def = new AvroConverter().config();
    assertThat(def.names())
        .contains(
            "schema.registry.url",
            "auto.register.schemas",
            "use.latest.version",
            "normalize.schemas",
            "key.subject.name.strategy",
            "value.subject.name.strategy",
            "basic.auth.credentials.source",
            "basic.auth.user.info",
            "max.schemas.per.subject",
            AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG);
    def.configKeys()
        .values()
        .forEach(key -> assertThat(key.documentation).as(key.name).isNotBlank());
  }
}
