package io.tributary.registry.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class AvroDataTest {
  private final AvroData avroData = new AvroData(100);

  private static org.apache.avro.Schema avro(String json) {
    return new org.apache.avro.Schema.Parser().parse(json);
  }

  @Test
  void int8AndInt16BecomeAvroIntsMarkedWithTheirConnectType() {
    org.apache.avro.Schema int8 = avroData.fromConnectSchema(Schema.INT8_SCHEMA);
    org.apache.avro.Schema int16 = avroData.fromConnectSchema(Schema.INT16_SCHEMA);

    assertThat(int8.getType()).isEqualTo(org.apache.avro.Schema.Type.INT);
    assertThat(int8.getProp("connect.type")).isEqualTo("int8");
    assertThat(int16.getProp("connect.type")).isEqualTo("int16");
  }

  @Test
  void decimalBecomesBytesWithTheDecimalLogicalTypeAndConnectProperties() {
    // given
    Schema decimal = Decimal.builder(2).parameter("connect.decimal.precision", "9").build();

    // when
    org.apache.avro.Schema avro = avroData.fromConnectSchema(decimal);

    // then
    assertThat(avro.getType()).isEqualTo(org.apache.avro.Schema.Type.BYTES);
    assertThat(avro.getLogicalType()).isEqualTo(LogicalTypes.decimal(9, 2));
    assertThat(avro.getProp("connect.name")).isEqualTo(Decimal.LOGICAL_NAME);
    assertThat(avro.getObjectProp("connect.version")).isEqualTo(1);
    assertThat(avro.getObjectProp("connect.parameters"))
        .isEqualTo(Map.of("scale", "2", "connect.decimal.precision", "9"));
  }

  @Test
  void aDecimalWithoutPrecisionGetsPrecision64() {
    assertThat(avroData.fromConnectSchema(Decimal.schema(4)).getLogicalType())
        .isEqualTo(LogicalTypes.decimal(64, 4));
  }

  @Test
  void dateTimeAndTimestampUseAvroLogicalTypes() {
    assertThat(avroData.fromConnectSchema(Date.SCHEMA).getLogicalType())
        .isEqualTo(LogicalTypes.date());
    assertThat(avroData.fromConnectSchema(Time.SCHEMA).getLogicalType())
        .isEqualTo(LogicalTypes.timeMillis());
    assertThat(avroData.fromConnectSchema(Timestamp.SCHEMA).getLogicalType())
        .isEqualTo(LogicalTypes.timestampMillis());
    assertThat(avroData.fromConnectSchema(Timestamp.SCHEMA).getType())
        .isEqualTo(org.apache.avro.Schema.Type.LONG);
  }

  @Test
  void optionalFieldsAreUnionsWithNullFirstAndNullDefault() {
    // given
    Schema schema =
        SchemaBuilder.struct()
            .name("com.acme.R")
            .field("maybe", Schema.OPTIONAL_STRING_SCHEMA)
            .field("withDefault", SchemaBuilder.int32().optional().defaultValue(7).build())
            .build();

    // when
    org.apache.avro.Schema avro = avroData.fromConnectSchema(schema);

    // then
    org.apache.avro.Schema.Field maybe = avro.getField("maybe");
    assertThat(maybe.schema().getTypes())
        .extracting(org.apache.avro.Schema::getType)
        .containsExactly(org.apache.avro.Schema.Type.NULL, org.apache.avro.Schema.Type.STRING);
    assertThat(maybe.defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
    org.apache.avro.Schema.Field withDefault = avro.getField("withDefault");
    assertThat(withDefault.schema().getTypes())
        .extracting(org.apache.avro.Schema::getType)
        .containsExactly(org.apache.avro.Schema.Type.INT, org.apache.avro.Schema.Type.NULL);
    assertThat(withDefault.defaultVal()).isEqualTo(7);
    assertThat(avro.getFullName()).isEqualTo("com.acme.R");
  }

  @Test
  void mapsWithNonStringKeysBecomeArraysOfMapEntryRecords() {
    org.apache.avro.Schema avro =
        avroData.fromConnectSchema(
            SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build());

    assertThat(avro.getType()).isEqualTo(org.apache.avro.Schema.Type.ARRAY);
    assertThat(avro.getElementType().getFullName()).isEqualTo("io.confluent.connect.avro.MapEntry");
    assertThat(avro.getElementType().getFields())
        .extracting(org.apache.avro.Schema.Field::name)
        .containsExactly("key", "value");
  }

  @Test
  void unnamedStructsGetTheConnectDefaultNameAndComeBackUnnamed() {
    Schema schema = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();

    org.apache.avro.Schema avro = avroData.fromConnectSchema(schema);

    assertThat(avro.getFullName()).isEqualTo("io.confluent.connect.avro.ConnectDefault");
    assertThat(avroData.toConnectSchema(avro)).isEqualTo(schema);
  }

  @Test
  void avroEnumsKeepTheirSymbolsThroughConnect() {
    // given
    org.apache.avro.Schema avroEnum =
        avro(
            "{\"type\":\"enum\",\"name\":\"Suit\",\"namespace\":\"cards\",\"doc\":\"suits\","
                + "\"symbols\":[\"SPADES\",\"HEARTS\",\"CLUBS\"],\"default\":\"CLUBS\"}");

    // when
    Schema connect = avroData.toConnectSchema(avroEnum);
    org.apache.avro.Schema back = avroData.fromConnectSchema(connect);
    SchemaAndValue value =
        avroData.toConnectData(avroEnum, new GenericData.EnumSymbol(avroEnum, "HEARTS"));

    // then
    assertThat(connect.type()).isEqualTo(Schema.Type.STRING);
    assertThat(connect.parameters())
        .containsEntry("io.confluent.connect.avro.Enum", "cards.Suit")
        .containsEntry("io.confluent.connect.avro.Enum.SPADES", "SPADES");
    assertThat(back.getType()).isEqualTo(org.apache.avro.Schema.Type.ENUM);
    assertThat(back.getFullName()).isEqualTo("cards.Suit");
    assertThat(back.getEnumSymbols()).containsExactly("SPADES", "HEARTS", "CLUBS");
    assertThat(back.getEnumDefault()).isEqualTo("CLUBS");
    assertThat(back.getDoc()).isEqualTo("suits");
    assertThat(value.value()).isEqualTo("HEARTS");
    assertThat(avroData.fromConnectData(connect, back, "HEARTS"))
        .isEqualTo(new GenericData.EnumSymbol(back, "HEARTS"));
  }

  @Test
  void avroRecordsWithDocsDefaultsAndGeneralUnionsConvertToConnectAndBack() {
    // given
    org.apache.avro.Schema record =
        avro(
            "{\"type\":\"record\",\"name\":\"Event\",\"namespace\":\"ev\",\"doc\":\"an event\","
                + "\"fields\":["
                + "{\"name\":\"id\",\"type\":\"long\",\"doc\":\"the id\"},"
                + "{\"name\":\"kind\",\"type\":\"string\",\"default\":\"click\"},"
                + "{\"name\":\"payload\",\"type\":[\"null\",\"int\",\"string\"],\"default\":null},"
                + "{\"name\":\"fixedBytes\",\"type\":{\"type\":\"fixed\",\"name\":\"F2\",\"size\":2}}"
                + "]}");
    GenericRecord datum = new GenericData.Record(record);
    datum.put("id", 5L);
    datum.put("kind", "view");
    datum.put("payload", "text");
    datum.put(
        "fixedBytes",
        new GenericData.Fixed(record.getField("fixedBytes").schema(), new byte[] {1, 2}));

    // when
    SchemaAndValue connect = avroData.toConnectData(record, datum);

    // then
    Schema schema = connect.schema();
    assertThat(schema.name()).isEqualTo("ev.Event");
    assertThat(schema.parameters())
        .containsEntry("io.confluent.connect.avro.record.doc", "an event")
        .containsEntry("io.confluent.connect.avro.field.doc.id", "the id");
    assertThat(schema.field("kind").schema().defaultValue()).isEqualTo("click");
    Schema union = schema.field("payload").schema();
    assertThat(union.name()).isEqualTo("io.confluent.connect.avro.Union");
    assertThat(union.isOptional()).isTrue();
    assertThat(union.fields()).extracting(f -> f.name()).containsExactly("int", "string");
    Struct value = (Struct) connect.value();
    assertThat(value.getStruct("payload").get("string")).isEqualTo("text");
    assertThat(value.getBytes("fixedBytes")).containsExactly(1, 2);

    org.apache.avro.Schema back = avroData.fromConnectSchema(schema);
    assertThat(back.getDoc()).isEqualTo("an event");
    assertThat(back.getField("id").doc()).isEqualTo("the id");
    assertThat(back.getField("payload").schema().getTypes())
        .extracting(org.apache.avro.Schema::getType)
        .containsExactly(
            org.apache.avro.Schema.Type.NULL,
            org.apache.avro.Schema.Type.INT,
            org.apache.avro.Schema.Type.STRING);
    GenericRecord backValue = (GenericRecord) avroData.fromConnectData(schema, back, value);
    assertThat(backValue.get("payload")).isEqualTo("text");
  }

  @Test
  void aSchemalessValueIsRejectedWithAnExplanation() {
    assertThatThrownBy(() -> avroData.fromConnectSchema(null))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("needs a schema");
  }

  @Test
  void recursiveAvroRecordsAreRejected() {
    org.apache.avro.Schema recursive =
        avro(
            "{\"type\":\"record\",\"name\":\"Node\",\"fields\":["
                + "{\"name\":\"next\",\"type\":[\"null\",\"Node\"],\"default\":null}]}");
    assertThatThrownBy(() -> avroData.toConnectSchema(recursive))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("Node");
  }

  @Test
  void theSameStructUsedTwiceIsDefinedOnce() {
    Schema point = SchemaBuilder.struct().name("geo.Point").field("x", Schema.INT32_SCHEMA).build();
    Schema line =
        SchemaBuilder.struct().name("geo.Line").field("from", point).field("to", point).build();

    org.apache.avro.Schema avro = avroData.fromConnectSchema(line);

    assertThat(avro.getField("to").schema()).isSameAs(avro.getField("from").schema());
    assertThat(avro(avro.toString())).isEqualTo(avro);
    assertThat(List.of(avroData.toConnectSchema(avro))).containsExactly(line);
  }

  @Test
  void schemasAnnotatedTheWayConfluentsConverterWritesThemReadAsTheOriginalConnectSchema() {
    // given: the Avro form of a Connect struct as written with connect.* annotations
    org.apache.avro.Schema annotated =
        avro(
            "{\"type\":\"record\",\"name\":\"Row\",\"namespace\":\"db\",\"fields\":["
                + "{\"name\":\"small\",\"type\":{\"type\":\"int\",\"connect.type\":\"int16\"}},"
                + "{\"name\":\"price\",\"type\":[\"null\",{\"type\":\"bytes\",\"scale\":2,"
                + "\"precision\":64,\"connect.version\":1,\"connect.parameters\":{\"scale\":\"2\"},"
                + "\"connect.name\":\"org.apache.kafka.connect.data.Decimal\",\"logicalType\":\"decimal\"}],"
                + "\"default\":null},"
                + "{\"name\":\"day\",\"type\":{\"type\":\"int\",\"connect.version\":1,"
                + "\"connect.name\":\"org.apache.kafka.connect.data.Date\",\"logicalType\":\"date\"}},"
                + "{\"name\":\"flag\",\"type\":{\"type\":\"boolean\",\"connect.default\":true},"
                + "\"default\":true}"
                + "],\"connect.version\":4,\"connect.name\":\"db.Row\"}");

    // when
    Schema connect = avroData.toConnectSchema(annotated);

    // then
    Schema expected =
        SchemaBuilder.struct()
            .name("db.Row")
            .version(4)
            .field("small", Schema.INT16_SCHEMA)
            .field("price", Decimal.builder(2).optional().build())
            .field("day", Date.SCHEMA)
            .field("flag", SchemaBuilder.bool().defaultValue(true).build())
            .build();
    assertThat(connect).isEqualTo(expected);
  }

  @Test
  void avroFieldDefaultsAndAvroPropertiesSurviveWithoutGainingConnectDefaults() {
    // given
    org.apache.avro.Schema plain =
        avro(
            "{\"type\":\"record\",\"name\":\"P\",\"fields\":["
                + "{\"name\":\"s\",\"type\":{\"type\":\"string\",\"avro.java.string\":\"String\"},"
                + "\"default\":\"x\"}]}");

    // when
    Schema connect = avroData.toConnectSchema(plain);
    org.apache.avro.Schema back = avroData.fromConnectSchema(connect);

    // then
    Schema field = connect.field("s").schema();
    assertThat(field.defaultValue()).isEqualTo("x");
    assertThat(field.parameters())
        .containsEntry("io.confluent.connect.avro.field.default", "true")
        .containsEntry("avro.java.string", "String");
    org.apache.avro.Schema backField = back.getField("s").schema();
    assertThat(back.getField("s").defaultVal()).isEqualTo("x");
    assertThat(backField.getProp("connect.default")).isNull();
    assertThat(backField.getProp("avro.java.string")).isEqualTo("String");
    assertThat(backField.getObjectProp("connect.parameters"))
        .isEqualTo(Map.of("avro.java.string", "String"));
  }
}
