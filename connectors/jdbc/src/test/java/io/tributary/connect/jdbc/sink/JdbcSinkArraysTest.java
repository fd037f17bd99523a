package io.tributary.connect.jdbc.sink;

import static io.tributary.connect.jdbc.sink.SinkTestSupport.config;
import static io.tributary.connect.jdbc.sink.SinkTestSupport.query;
import static io.tributary.connect.jdbc.sink.SinkTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connect.jdbc.TestingPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connect ARRAY fields written to PostgreSQL array columns: auto.create declares {@code type[]},
 * and the values arrive unchanged through COPY (plain inserts), batched INSERTs and upserts,
 * including NULL elements, empty arrays, a NULL array and strings that need quoting.
 */
class JdbcSinkArraysTest {
  private static final Schema KEY =
      SchemaBuilder.struct().name("Key").field("id", Schema.INT64_SCHEMA).build();
  private static final Schema ROW =
      SchemaBuilder.struct()
          .name("Row")
          .field("id", Schema.INT64_SCHEMA)
          .field("ints", SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional().build())
          .field("texts", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
          .field(
              "nums", SchemaBuilder.array(Decimal.builder(2).optional().build()).optional().build())
          .field("flags", SchemaBuilder.array(Schema.BOOLEAN_SCHEMA).build())
          .build();

  private static final List<String> ODD_TEXTS =
      Arrays.asList(
          "plain",
          "with \"quotes\"",
          "back\\slash",
          "a,b",
          "{braces}",
          "tab\tnew\nline",
          "NULL",
          "",
          null,
          "üñí ✓");

  private static TestingPostgres postgres;

  @BeforeAll
  static void startPostgres() {
    postgres = TestingPostgres.start();
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  private static Struct row(
      long id, List<Integer> ints, List<String> texts, List<BigDecimal> nums) {
    return new Struct(ROW)
        .put("id", id)
        .put("ints", ints)
        .put("texts", texts)
        .put("nums", nums)
        .put("flags", List.of(true, false));
  }

  private static SinkRecord record(String topic, long offset, Struct value) {
    return new SinkRecord(
        topic, 0, KEY, new Struct(KEY).put("id", value.getInt64("id")), ROW, value, offset);
  }

  @ParameterizedTest
  @ValueSource(strings = {"copy", "insert", "upsert"})
  void arrayFieldsBecomeArrayColumns(String mode) throws Exception {
    // given
    String topic = "arrays_" + mode;
    Map<String, String> props =
        config(postgres, "topics", topic, "auto.create", "true", "postgres.copy.enabled", "false");
    switch (mode) {
      case "copy" -> props.put("postgres.copy.enabled", "true");
      case "insert" -> {}
      case "upsert" -> {
        props.put("insert.mode", "upsert");
        props.put("pk.mode", "record_key");
      }
      default -> throw new IllegalArgumentException(mode);
    }
    JdbcSinkTask task = start(props, new TestingSinkTaskContext(), new TopicPartition(topic, 0));
    try {
      List<BigDecimal> nums = Arrays.asList(new BigDecimal("1.50"), null, new BigDecimal("-0.01"));
      List<SinkRecord> records = new ArrayList<>();
      records.add(record(topic, 0, row(1, Arrays.asList(1, null, -2147483648), ODD_TEXTS, nums)));
      records.add(record(topic, 1, row(2, List.of(), List.of(), List.of())));
      records.add(record(topic, 2, row(3, null, null, null)));

      // when
      task.put(records);
      if (mode.equals("upsert")) {
        task.put(List.of(record(topic, 3, row(2, List.of(7, 8), List.of("x"), nums))));
      }

      // then
      Map<String, String> types = columnTypes(topic);
      assertThat(types)
          .containsEntry("ints", "integer[]")
          .containsEntry("texts", "text[]")
          .containsEntry("flags", "boolean[]")
          .containsEntry("nums", "numeric(1000,2)[]");
      List<Map<String, Object>> rows = arrays(topic);
      assertThat(rows).hasSize(3);
      assertThat(rows.get(0))
          .containsEntry("ints", Arrays.asList(1, null, -2147483648))
          .containsEntry("texts", ODD_TEXTS)
          .containsEntry("nums", nums)
          .containsEntry("flags", List.of(true, false));
      if (mode.equals("upsert")) {
        assertThat(rows.get(1))
            .containsEntry("ints", List.of(7, 8))
            .containsEntry("texts", List.of("x"))
            .containsEntry("nums", nums);
      } else {
        assertThat(rows.get(1))
            .containsEntry("ints", List.of())
            .containsEntry("texts", List.of())
            .containsEntry("nums", List.of());
      }
      assertThat(rows.get(2))
          .containsEntry("ints", null)
          .containsEntry("texts", null)
          .containsEntry("nums", null);
      assertThat(query(postgres, "SELECT count(*) AS n FROM \"" + topic + "\"").get(0).get("n"))
          .isEqualTo(3L);
    } finally {
      task.stop();
    }
  }

  /** Each row's array columns as Lists (null for a NULL array), by id. */
  private static List<Map<String, Object>> arrays(String table) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection connection = postgres.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT ints, texts, nums, flags FROM \"" + table + "\" ORDER BY id")) {
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String column : List.of("ints", "texts", "nums", "flags")) {
          java.sql.Array array = rs.getArray(column);
          row.put(column, array == null ? null : Arrays.asList((Object[]) array.getArray()));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static Map<String, String> columnTypes(String table) {
    Map<String, String> types = new LinkedHashMap<>();
    query(
            postgres,
            "SELECT attname, format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE"
                + " attrelid = '\""
                + table
                + "\"'::regclass AND attnum > 0 AND NOT attisdropped")
        .forEach(r -> types.put((String) r.get("attname"), (String) r.get("t")));
    return types;
  }
}
