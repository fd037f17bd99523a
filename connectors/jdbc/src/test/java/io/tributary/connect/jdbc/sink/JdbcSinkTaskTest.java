package io.tributary.connect.jdbc.sink;

import static io.tributary.connect.jdbc.sink.SinkTestSupport.config;
import static io.tributary.connect.jdbc.sink.SinkTestSupport.count;
import static io.tributary.connect.jdbc.sink.SinkTestSupport.query;
import static io.tributary.connect.jdbc.sink.SinkTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.TestingPostgres;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sink's insert modes, primary key modes, DDL and types on a real PostgreSQL. */
class JdbcSinkTaskTest {
  private static final Schema KEY =
      SchemaBuilder.struct().name("Key").field("id", Schema.INT64_SCHEMA).build();
  private static final Schema ORDER =
      SchemaBuilder.struct()
          .name("Order")
          .field("id", Schema.INT64_SCHEMA)
          .field("item", Schema.STRING_SCHEMA)
          .field("qty", Schema.OPTIONAL_INT32_SCHEMA)
          .build();

  private static TestingPostgres postgres;
  private final List<JdbcSinkTask> tasks = new ArrayList<>();
  private final TestingSinkTaskContext context = new TestingSinkTaskContext();

  @BeforeAll
  static void startPostgres() {
    postgres = TestingPostgres.start();
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  @AfterEach
  void stopTasks() {
    tasks.forEach(JdbcSinkTask::stop);
  }

  private JdbcSinkTask task(String topic, String... keyValues) {
    JdbcSinkTask task = start(config(postgres, keyValues), context, new TopicPartition(topic, 0));
    tasks.add(task);
    return task;
  }

  private static Struct order(long id, String item, Integer qty) {
    return new Struct(ORDER).put("id", id).put("item", item).put("qty", qty);
  }

  private static SinkRecord record(String topic, long offset, Struct value) {
    Struct key = value == null ? null : new Struct(KEY).put("id", value.getInt64("id"));
    return new SinkRecord(topic, 0, KEY, key, value == null ? null : ORDER, value, offset);
  }

  private static SinkRecord tombstone(String topic, long offset, long id) {
    return new SinkRecord(topic, 0, KEY, new Struct(KEY).put("id", id), ORDER, null, offset);
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "false"})
  void insertsWithAutoCreateThroughCopyOrBatches(String copy) {
    // given a new topic, no table, auto.create, COPY on or off
    String topic = "orders_insert_" + copy;
    JdbcSinkTask task = task(topic, "auto.create", "true", "postgres.copy.enabled", copy);

    // when three records arrive, one with a null and one with characters COPY escapes
    task.put(
        List.of(
            record(topic, 0, order(1, "apple", 3)),
            record(topic, 1, order(2, "tab\there\nnew \\ line", null)),
            record(topic, 2, order(3, "pear", 5))));

    // then the table holds them
    assertThat(query(postgres, "SELECT id, item, qty FROM " + topic + " ORDER BY id"))
        .containsExactly(
            Map.of("id", 1L, "item", "apple", "qty", 3),
            nullQty(2L, "tab\there\nnew \\ line"),
            Map.of("id", 3L, "item", "pear", "qty", 5));
  }

  private static Map<String, Object> nullQty(long id, String item) {
    Map<String, Object> row = new java.util.LinkedHashMap<>();
    row.put("id", id);
    row.put("item", item);
    row.put("qty", null);
    return row;
  }

  @Test
  void kafkaPrimaryKeyHoldsTopicPartitionOffset() {
    String topic = "orders_kafka";
    JdbcSinkTask task = task(topic, "auto.create", "true", "pk.mode", "kafka");

    task.put(List.of(record(topic, 7, order(1, "apple", 3))));

    assertThat(
            query(
                postgres,
                "SELECT __connect_topic, __connect_partition, __connect_offset, item FROM "
                    + topic))
        .containsExactly(
            Map.of(
                "__connect_topic",
                topic,
                "__connect_partition",
                0,
                "__connect_offset",
                7L,
                "item",
                "apple"));
    assertThat(query(postgres, primaryKeyOf(topic)))
        .extracting(row -> row.get("attname"))
        .containsExactly("__connect_topic", "__connect_partition", "__connect_offset");
  }

  private static String primaryKeyOf(String table) {
    return "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND"
        + " a.attnum = ANY(i.indkey) WHERE i.indrelid = '"
        + table
        + "'::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)";
  }

  @Test
  void upsertByRecordKeyUpdatesTheRow() {
    // given upsert keyed by the record key
    String topic = "orders_upsert";
    JdbcSinkTask task =
        task(topic, "auto.create", "true", "insert.mode", "upsert", "pk.mode", "record_key");

    // when the same key arrives twice, in one put and in the next
    task.put(List.of(record(topic, 0, order(1, "apple", 3)), record(topic, 1, order(2, "fig", 1))));
    task.put(List.of(record(topic, 2, order(1, "apple", 9))));

    // then one row per key, with the last values
    assertThat(query(postgres, "SELECT id, qty FROM " + topic + " ORDER BY id"))
        .containsExactly(Map.of("id", 1L, "qty", 9), Map.of("id", 2L, "qty", 1));
    assertThat(query(postgres, primaryKeyOf(topic)))
        .extracting(row -> row.get("attname"))
        .containsExactly("id");
  }

  @Test
  void upsertByRecordValueFields() {
    String topic = "orders_upsert_value";
    JdbcSinkTask task =
        task(
            topic,
            "auto.create",
            "true",
            "insert.mode",
            "upsert",
            "pk.mode",
            "record_value",
            "pk.fields",
            "id");

    task.put(
        List.of(record(topic, 0, order(1, "apple", 3)), record(topic, 1, order(1, "kiwi", 4))));

    assertThat(query(postgres, "SELECT id, item, qty FROM " + topic))
        .containsExactly(Map.of("id", 1L, "item", "kiwi", "qty", 4));
  }

  @Test
  void primitiveRecordKeyNeedsOneColumnName() {
    // given a table keyed by a primitive (string) record key named in pk.fields
    String topic = "orders_primitive_key";
    JdbcSinkTask task =
        task(
            topic,
            "auto.create",
            "true",
            "insert.mode",
            "upsert",
            "pk.mode",
            "record_key",
            "pk.fields",
            "sku",
            "fields.whitelist",
            "item");

    // when
    task.put(
        List.of(
            new SinkRecord(topic, 0, Schema.STRING_SCHEMA, "A-1", ORDER, order(1, "apple", 3), 0),
            new SinkRecord(topic, 0, Schema.STRING_SCHEMA, "A-1", ORDER, order(1, "plum", 3), 1)));

    // then the key is the column and only whitelisted fields are written
    assertThat(query(postgres, "SELECT * FROM " + topic))
        .containsExactly(Map.of("sku", "A-1", "item", "plum"));
  }

  @Test
  void updateModeChangesExistingRowsOnly() {
    String topic = "orders_update";
    postgres.execute(
        "CREATE TABLE " + topic + " (id BIGINT PRIMARY KEY, item TEXT NOT NULL, qty INT)",
        "INSERT INTO " + topic + " VALUES (1, 'apple', 1)");
    JdbcSinkTask task = task(topic, "insert.mode", "update", "pk.mode", "record_key");

    task.put(List.of(record(topic, 0, order(1, "apple", 5)), record(topic, 1, order(2, "x", 1))));

    assertThat(query(postgres, "SELECT id, qty FROM " + topic))
        .containsExactly(Map.of("id", 1L, "qty", 5));
  }

  @Test
  void tombstonesDeleteWhenEnabledInRecordOrder() {
    // given upsert with deletes
    String topic = "orders_delete";
    JdbcSinkTask task =
        task(
            topic,
            "auto.create",
            "true",
            "insert.mode",
            "upsert",
            "pk.mode",
            "record_key",
            "delete.enabled",
            "true");

    // when rows are written, one deleted, and one deleted then written again in the same put
    task.put(
        List.of(
            record(topic, 0, order(1, "apple", 1)),
            record(topic, 1, order(2, "fig", 1)),
            tombstone(topic, 2, 1),
            tombstone(topic, 3, 2),
            record(topic, 4, order(2, "fig", 2))));

    // then
    assertThat(query(postgres, "SELECT id, qty FROM " + topic))
        .containsExactly(Map.of("id", 2L, "qty", 2));
  }

  @Test
  void tombstonesAreSkippedWhenDeletesAreDisabled() {
    String topic = "orders_no_delete";
    JdbcSinkTask task = task(topic, "auto.create", "true");

    task.put(List.of(record(topic, 0, order(1, "apple", 1)), tombstone(topic, 1, 1)));

    assertThat(count(postgres, topic)).isEqualTo(1);
  }

  @Test
  void autoEvolveAddsNullableColumnsForNewOptionalFields() {
    // given a table made from version 1 of the schema
    String topic = "orders_evolve";
    JdbcSinkTask task = task(topic, "auto.create", "true", "auto.evolve", "true");
    task.put(List.of(record(topic, 0, order(1, "apple", 1))));
    Schema v2 =
        SchemaBuilder.struct()
            .name("Order")
            .field("id", Schema.INT64_SCHEMA)
            .field("item", Schema.STRING_SCHEMA)
            .field("qty", Schema.OPTIONAL_INT32_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .field("rush", SchemaBuilder.bool().defaultValue(false).build())
            .build();

    // when version 2 adds an optional field and a required one with a default
    task.put(
        List.of(
            new SinkRecord(
                topic,
                0,
                null,
                null,
                v2,
                new Struct(v2)
                    .put("id", 2L)
                    .put("item", "fig")
                    .put("note", "fragile")
                    .put("rush", true),
                1)));

    // then both columns exist and old rows have their defaults
    assertThat(query(postgres, "SELECT id, note, rush FROM " + topic + " ORDER BY id"))
        .containsExactly(nullNote(1L, false), Map.of("id", 2L, "note", "fragile", "rush", true));
  }

  private static Map<String, Object> nullNote(long id, boolean rush) {
    Map<String, Object> row = new java.util.LinkedHashMap<>();
    row.put("id", id);
    row.put("note", null);
    row.put("rush", rush);
    return row;
  }

  @Test
  void newRequiredFieldWithoutDefaultIsAClearError() {
    String topic = "orders_evolve_required";
    JdbcSinkTask task = task(topic, "auto.create", "true", "auto.evolve", "true");
    task.put(List.of(record(topic, 0, order(1, "apple", 1))));
    Schema v2 =
        SchemaBuilder.struct()
            .field("id", Schema.INT64_SCHEMA)
            .field("must", Schema.STRING_SCHEMA)
            .build();

    assertThatThrownBy(
            () ->
                task.put(
                    List.of(
                        new SinkRecord(
                            topic,
                            0,
                            null,
                            null,
                            v2,
                            new Struct(v2).put("id", 2L).put("must", "x"),
                            1))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("Field must")
        .hasMessageContaining("required without a default value");
  }

  @Test
  void missingColumnWithoutAutoEvolveNamesTheColumnAndTheKey() {
    String topic = "orders_no_evolve";
    postgres.execute("CREATE TABLE " + topic + " (id BIGINT, item TEXT)");
    JdbcSinkTask task = task(topic);

    assertThatThrownBy(() -> task.put(List.of(record(topic, 0, order(1, "apple", 1)))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("has no column(s) [qty]")
        .hasMessageContaining("auto.evolve=true");
  }

  @Test
  void unknownTableWithoutAutoCreateIsAClearError() {
    String topic = "orders_missing";
    JdbcSinkTask task = task(topic);

    assertThatThrownBy(() -> task.put(List.of(record(topic, 0, order(1, "apple", 1)))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("Table orders_missing")
        .hasMessageContaining("does not exist")
        .hasMessageContaining("auto.create=true");
  }

  @Test
  void typeMismatchFailsNamingTheTableAndWritesNothingOfThePut() {
    // given a table whose item column is an integer
    String topic = "orders_mismatch";
    postgres.execute("CREATE TABLE " + topic + " (id BIGINT, item INT, qty INT)");
    JdbcSinkTask task = task(topic, "postgres.copy.enabled", "false");

    // when a put's records carry strings for it
    assertThatThrownBy(
            () ->
                task.put(
                    List.of(
                        record(topic, 0, order(1, "apple", 1)),
                        record(topic, 1, order(2, "fig", 1)))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("to table orders_mismatch")
        .hasMessageContaining("item")
        .hasMessageContaining("rolled back");

    // then nothing was written, nor any offset stored
    assertThat(count(postgres, topic)).isZero();
    assertThat(
            query(postgres, "SELECT * FROM __tributary_sink_offsets WHERE topic = '" + topic + "'"))
        .isEmpty();
  }

  @Test
  void typesRoundTripThroughAutoCreatedColumns() {
    // given a record with every mapped logical type, db.timezone not UTC
    String topic = "types";
    Schema schema =
        SchemaBuilder.struct()
            .field("i8", Schema.INT8_SCHEMA)
            .field("i16", Schema.INT16_SCHEMA)
            .field("f32", Schema.FLOAT32_SCHEMA)
            .field("f64", Schema.FLOAT64_SCHEMA)
            .field("flag", Schema.BOOLEAN_SCHEMA)
            .field("data", Schema.BYTES_SCHEMA)
            .field("price", Decimal.builder(3).parameter("connect.decimal.precision", "12").build())
            .field("day", Date.SCHEMA)
            .field("at", Time.SCHEMA)
            .field("ts", org.apache.kafka.connect.data.Timestamp.SCHEMA)
            .build();
    Instant instant = Instant.parse("2024-02-29T23:30:15.123Z");
    Struct value =
        new Struct(schema)
            .put("i8", (byte) -8)
            .put("i16", (short) 1600)
            .put("f32", 1.5f)
            .put("f64", 2.25d)
            .put("flag", true)
            .put("data", new byte[] {0, 1, (byte) 0xff, '\\'})
            .put("price", new BigDecimal("123456789.012"))
            .put("day", java.util.Date.from(Instant.parse("2024-02-29T00:00:00Z")))
            .put("at", java.util.Date.from(Instant.parse("1970-01-01T13:14:15.678Z")))
            .put("ts", java.util.Date.from(instant));

    for (String copy : List.of("true", "false")) {
      String table = topic + "_" + copy;
      JdbcSinkTask task =
          task(
              topic,
              "name",
              "types-" + copy,
              "auto.create",
              "true",
              "table.name.format",
              "${topic}_" + copy,
              "db.timezone",
              "Europe/Helsinki",
              "postgres.copy.enabled",
              copy);

      // when it is written with COPY and with batched inserts
      task.put(List.of(new SinkRecord(topic, 0, null, null, schema, value, 0)));

      // then each value reads back the same; the timestamp as Helsinki wall-clock time
      Map<String, Object> row = query(postgres, "SELECT * FROM " + table).get(0);
      // (PostgreSQL's driver reads SMALLINT as Integer)
      assertThat(row.get("i8")).as(copy).isEqualTo(-8);
      assertThat(row.get("i16")).isEqualTo(1600);
      assertThat(row.get("f32")).isEqualTo(1.5f);
      assertThat(row.get("f64")).isEqualTo(2.25d);
      assertThat(row.get("flag")).isEqualTo(true);
      assertThat((byte[]) row.get("data")).containsExactly(0, 1, 0xff, '\\');
      assertThat(row.get("price")).isEqualTo(new BigDecimal("123456789.012"));
      assertThat(((java.sql.Date) row.get("day")).toLocalDate())
          .isEqualTo(LocalDate.of(2024, 2, 29));
      assertThat(((java.sql.Time) row.get("at")).toLocalTime()).isEqualTo(LocalTime.of(13, 14, 15));
      assertThat(
              query(postgres, "SELECT to_char(at, 'HH24:MI:SS.MS') AS t FROM " + table)
                  .get(0)
                  .get("t"))
          .isEqualTo("13:14:15.678");
      assertThat(((Timestamp) row.get("ts")).toLocalDateTime())
          .isEqualTo(LocalDateTime.of(2024, 3, 1, 1, 30, 15, 123_000_000));
    }
  }
}
