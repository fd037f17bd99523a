package io.tributary.connect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.jdbc.TestingPostgres;
import io.tributary.connect.jdbc.db.TributaryTypes;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL column types to Connect schemas and values, per numeric.mapping and time precision.
 */
class ColumnMappingTest {
  private static TestingPostgres postgres;

  @BeforeAll
  static void startPostgres() {
    postgres = TestingPostgres.start();
    postgres.execute(
        "CREATE TABLE types_t (id INT PRIMARY KEY, small SMALLINT, big BIGINT NOT NULL,"
            + " flag BOOLEAN, real_v REAL, dbl DOUBLE PRECISION, price NUMERIC(10,2),"
            + " whole NUMERIC(9,0), huge NUMERIC(30,0), free NUMERIC, name VARCHAR(20),"
            + " bin BYTEA, day DATE, t TIME, ts TIMESTAMP, tstz TIMESTAMPTZ, u UUID, j JSONB,"
            + " ints INT[], texts TEXT[], iv INTERVAL)",
        "INSERT INTO types_t VALUES (1, 7, 9000000000, true, 1.5, 2.25, 12345678.91, 123456789,"
            + " 123456789012345678901234567890, 3.14159265358979323846, 'hi', '\\x0102', '2024-02-29',"
            + " '13:14:15.123456', '2024-02-29 13:14:15.123456', '2024-02-29 13:14:15.654321+02',"
            + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"k\": 1}', '{1,2,NULL}', '{x,y}',"
            + " '1 day')");
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  private static SourceRecord readRow(String... keyValues) throws Exception {
    Map<String, String> props = new HashMap<>();
    props.put("connection.url", postgres.jdbcUrl());
    props.put("connection.user", postgres.user());
    props.put("topic.prefix", "t-");
    props.put("mode", "bulk");
    props.put("table.include.list", "types_t");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(props, 1);
      return source.pollUntil(1).get(0);
    }
  }

  @Test
  void mapsEveryTypeWithNumericMappingNone() throws Exception {
    // when
    SourceRecord record = readRow();

    // then
    Schema schema = record.valueSchema();
    Struct value = (Struct) record.value();
    assertThat(schema.field("id").schema()).isEqualTo(Schema.INT32_SCHEMA);
    assertThat(schema.field("small").schema()).isEqualTo(Schema.OPTIONAL_INT16_SCHEMA);
    assertThat(schema.field("big").schema()).isEqualTo(Schema.INT64_SCHEMA);
    assertThat(value.get("small")).isEqualTo((short) 7);
    assertThat(value.get("big")).isEqualTo(9_000_000_000L);
    assertThat(value.get("flag")).isEqualTo(true);
    assertThat(value.get("real_v")).isEqualTo(1.5f);
    assertThat(value.get("dbl")).isEqualTo(2.25);
    assertThat(schema.field("price").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
    assertThat(schema.field("price").schema().parameters())
        .containsEntry("scale", "2")
        .containsEntry(TributaryTypes.DECIMAL_PRECISION_PARAMETER, "10");
    assertThat(value.get("price")).isEqualTo(new BigDecimal("12345678.91"));
    assertThat(value.get("whole")).isEqualTo(new BigDecimal("123456789"));
    assertThat(value.get("huge")).isEqualTo(new BigDecimal("123456789012345678901234567890"));
    assertThat(schema.field("free").schema().name()).isEqualTo(TributaryTypes.VARIABLE_DECIMAL);
    assertThat(value.get("free")).isEqualTo("3.14159265358979323846");
    assertThat(value.get("name")).isEqualTo("hi");
    assertThat((byte[]) value.get("bin")).containsExactly(1, 2);
    assertThat(value.get("day"))
        .isEqualTo(java.util.Date.from(java.time.Instant.parse("2024-02-29T00:00:00Z")));
    assertThat(value.get("t"))
        .isEqualTo(new java.util.Date((13 * 3600 + 14 * 60 + 15) * 1000L + 123));
    assertThat(value.get("ts"))
        .isEqualTo(java.util.Date.from(java.time.Instant.parse("2024-02-29T13:14:15.123Z")));
    assertThat(value.get("tstz"))
        .isEqualTo(java.util.Date.from(java.time.Instant.parse("2024-02-29T11:14:15.654Z")));
    assertThat(schema.field("u").schema().name()).isEqualTo(TributaryTypes.UUID);
    assertThat(value.get("u")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    assertThat(schema.field("j").schema().name()).isEqualTo(TributaryTypes.JSON);
    assertThat(value.get("j")).isEqualTo("{\"k\": 1}");
    assertThat(schema.field("ints").schema().valueSchema()).isEqualTo(Schema.OPTIONAL_INT32_SCHEMA);
    assertThat(value.getArray("ints")).containsExactly(1, 2, null);
    assertThat(value.getArray("texts")).containsExactly("x", "y");
    assertThat(value.get("iv")).isEqualTo("1 day");
    assertThat(record.keySchema().fields()).extracting(f -> f.name()).containsExactly("id");
  }

  @Test
  void bestFitMapsNumericsToPrimitivesWhereTheyFit() throws Exception {
    // when
    SourceRecord record = readRow("numeric.mapping", "best_fit");

    // then
    Struct value = (Struct) record.value();
    assertThat(record.valueSchema().field("price").schema())
        .isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
    assertThat(value.get("price")).isEqualTo(12345678.91);
    assertThat(record.valueSchema().field("whole").schema())
        .isEqualTo(Schema.OPTIONAL_INT32_SCHEMA);
    assertThat(value.get("whole")).isEqualTo(123456789);
    assertThat(record.valueSchema().field("huge").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
  }

  @Test
  void precisionOnlyKeepsFractionsAsDecimals() throws Exception {
    // when
    SourceRecord record = readRow("numeric.mapping", "precision_only");

    // then
    assertThat(record.valueSchema().field("whole").schema())
        .isEqualTo(Schema.OPTIONAL_INT32_SCHEMA);
    assertThat(record.valueSchema().field("price").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
  }

  @Test
  void microsecondPrecisionKeepsTheDatabasesMicroseconds() throws Exception {
    // when
    SourceRecord record = readRow("time.precision.mode", "micros");

    // then
    Struct value = (Struct) record.value();
    assertThat(record.valueSchema().field("ts").schema().name())
        .isEqualTo(TributaryTypes.MICRO_TIMESTAMP);
    assertThat(value.get("ts"))
        .isEqualTo(
            java.time.Instant.parse("2024-02-29T13:14:15.123456Z").toEpochMilli() * 1000 + 456);
    assertThat(value.get("tstz"))
        .isEqualTo(
            java.time.Instant.parse("2024-02-29T11:14:15.654321Z").toEpochMilli() * 1000 + 321);
    assertThat(record.valueSchema().field("t").schema().name())
        .isEqualTo(TributaryTypes.MICRO_TIME);
    assertThat(value.get("t")).isEqualTo((13 * 3600 + 14 * 60 + 15) * 1_000_000L + 123_456);
    assertThat(List.of(record.valueSchema().field("day").schema().name()))
        .containsExactly("org.apache.kafka.connect.data.Date");
  }
}
