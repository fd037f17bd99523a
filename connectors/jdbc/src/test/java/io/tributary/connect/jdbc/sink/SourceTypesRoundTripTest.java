package io.tributary.connect.jdbc.sink;

import static io.tributary.connect.jdbc.sink.SinkTestSupport.config;
import static io.tributary.connect.jdbc.sink.SinkTestSupport.query;
import static io.tributary.connect.jdbc.sink.SinkTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.jdbc.TestingPostgres;
import io.tributary.connect.jdbc.db.TributaryTypes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Table -> topic -> table: a row of a PostgreSQL table, as Tributary's JDBC source represents it
 * (Decimal with its scale, Tributary's named types for microsecond times, UUID, JSON and numerics
 * of undeclared precision), written by the sink into an auto-created table holds the same values.
 */
class SourceTypesRoundTripTest {
  private static final Schema ROW =
      SchemaBuilder.struct()
          .field("id", Schema.INT32_SCHEMA)
          .field("small", Schema.OPTIONAL_INT16_SCHEMA)
          .field("big", Schema.OPTIONAL_INT64_SCHEMA)
          .field("r", Schema.OPTIONAL_FLOAT32_SCHEMA)
          .field("d", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .field("price", Decimal.builder(3).optional().build())
          .field("anynum", named(Schema.Type.STRING, TributaryTypes.VARIABLE_DECIMAL))
          .field("txt", Schema.OPTIONAL_STRING_SCHEMA)
          .field("bin", Schema.OPTIONAL_BYTES_SCHEMA)
          .field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
          .field("day", Date.builder().optional().build())
          .field("tod", named(Schema.Type.INT64, TributaryTypes.MICRO_TIME))
          .field("ts", named(Schema.Type.INT64, TributaryTypes.MICRO_TIMESTAMP))
          .field("tstz", named(Schema.Type.INT64, TributaryTypes.MICRO_TIMESTAMP))
          .field("uid", named(Schema.Type.STRING, TributaryTypes.UUID))
          .field("doc", named(Schema.Type.STRING, TributaryTypes.JSON))
          .build();

  private static Schema named(Schema.Type type, String name) {
    return new SchemaBuilder(type).name(name).optional().build();
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "false"})
  void aSourceRowIsWrittenBackWithTheSameValues(String copy) {
    try (TestingPostgres postgres = TestingPostgres.start()) {
      // given the source table and its row as the JDBC source emits it (db.timezone UTC)
      postgres.execute(
          "CREATE TABLE src (id INT PRIMARY KEY, small SMALLINT, big BIGINT, r REAL, d DOUBLE"
              + " PRECISION, price NUMERIC(12,3), anynum NUMERIC, txt TEXT, bin BYTEA, flag BOOLEAN,"
              + " day DATE, tod TIME(6), ts TIMESTAMP(6), tstz TIMESTAMPTZ, uid UUID, doc JSONB)",
          "INSERT INTO src VALUES (1, -7, 9007199254740993, 1.25, 2.5e-300, 123456789.012,"
              + " 3.14159265358979323846264338327950288, 'tab\tline\nend', '\\x00ff5c', true,"
              + " '2024-02-29', '23:59:58.123456', '2024-02-29 12:34:56.654321',"
              + " '2024-03-01 01:02:03.000004+00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
              + " '{\"a\": [1, 2]}')");
      Struct value =
          new Struct(ROW)
              .put("id", 1)
              .put("small", (short) -7)
              .put("big", 9007199254740993L)
              .put("r", 1.25f)
              .put("d", 2.5e-300)
              .put("price", new BigDecimal("123456789.012"))
              .put("anynum", "3.14159265358979323846264338327950288")
              .put("txt", "tab\tline\nend")
              .put("bin", new byte[] {0, (byte) 0xff, '\\'})
              .put("flag", true)
              .put(
                  "day",
                  java.util.Date.from(
                      LocalDate.of(2024, 2, 29).atStartOfDay().toInstant(ZoneOffset.UTC)))
              .put("tod", LocalTime.parse("23:59:58.123456").toNanoOfDay() / 1000)
              .put(
                  "ts",
                  micros(
                      LocalDateTime.parse("2024-02-29T12:34:56.654321").toInstant(ZoneOffset.UTC)))
              .put("tstz", micros(Instant.parse("2024-03-01T01:02:03.000004Z")))
              .put("uid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
              .put("doc", "{\"a\": [1, 2]}");

      // when the sink writes it to an auto-created table (COPY, or batched upserts)
      JdbcSinkTask task =
          start(
              config(
                  postgres,
                  "auto.create",
                  "true",
                  "table.name.format",
                  "dst",
                  "postgres.copy.enabled",
                  copy,
                  "insert.mode",
                  copy.equals("true") ? "insert" : "upsert",
                  "pk.mode",
                  copy.equals("true") ? "none" : "record_value",
                  "pk.fields",
                  copy.equals("true") ? "" : "id"),
              new TestingSinkTaskContext(),
              new TopicPartition("src", 0));
      try {
        task.put(List.of(new SinkRecord("src", 0, null, null, ROW, value, 0)));
      } finally {
        task.stop();
      }

      // then every column holds the source's value (timestamptz as UTC wall-clock time)
      Map<String, Object> differences =
          query(
                  postgres,
                  "SELECT "
                      + String.join(
                          ", ",
                          List.of(
                              "s.small = d.small AS small",
                              "s.big = d.big AS big",
                              "s.r = d.r AS r",
                              "s.d = d.d AS d",
                              "s.price = d.price AS price",
                              "s.anynum = d.anynum AS anynum",
                              "s.txt = d.txt AS txt",
                              "s.bin = d.bin AS bin",
                              "s.flag = d.flag AS flag",
                              "s.day = d.day AS day",
                              "s.tod = d.tod AS tod",
                              "s.ts = d.ts AS ts",
                              "(s.tstz AT TIME ZONE 'UTC') = d.tstz AS tstz",
                              "s.uid = d.uid AS uid",
                              "s.doc = d.doc AS doc"))
                      + " FROM src s JOIN dst d ON s.id = d.id")
              .get(0);
      assertThat(differences)
          .allSatisfy((column, same) -> assertThat(same).as(column).isEqualTo(true));
      assertThat(differences).hasSize(15);
      assertThat(
              query(
                  postgres,
                  "SELECT data_type FROM information_schema.columns WHERE table_name = 'dst' AND"
                      + " column_name IN ('uid', 'doc', 'tod', 'ts') ORDER BY column_name"))
          .extracting(row -> row.get("data_type"))
          .containsExactly(
              "jsonb", "time without time zone", "timestamp without time zone", "uuid");
    }
  }
}
