package io.tributary.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.connect.jdbc.sink.JdbcSinkConnector;
import io.tributary.connect.jdbc.source.JdbcSourceConnector;
import io.tributary.runtime.testing.EmbeddedWorker;
import io.tributary.runtime.testing.TestingRestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table -> topic -> table through Tributary's worker: a PostgreSQL table with one column per type
 * the JDBC source maps is read by {@code JdbcSourceConnector} (mode incrementing) into broker-core
 * with {@code JsonConverter} (schemas enabled), written back by {@code JdbcSinkConnector}
 * (auto.create, upsert on the record key) into a second table, and the two tables are compared
 * value by value in SQL with {@code EXCEPT} both ways. Both {@code time.precision.mode}s run: the
 * default ({@code connect}, Connect's millisecond Time and Timestamp) loses the microseconds of
 * TIME and TIMESTAMP columns, which this test shows; {@code micros} keeps every value exactly.
 *
 * <p>PostgreSQL arrays of integers, text and numeric round-trip as Connect ARRAYs into array
 * columns the sink creates ({@code integer[]}, {@code text[]}, {@code numeric[]}).
 */
class JdbcRoundTripIT {
  /** One column per mapped type; every column but the key is nullable. */
  private static final String CREATE_SOURCE =
      "CREATE TABLE types (id BIGINT PRIMARY KEY, c_smallint SMALLINT, c_integer INTEGER,"
          + " c_bigint BIGINT, c_real REAL, c_double DOUBLE PRECISION, c_numeric NUMERIC(12,3),"
          + " c_anynum NUMERIC, c_bool BOOLEAN, c_text TEXT, c_varchar VARCHAR(20), c_bytea BYTEA,"
          + " c_date DATE, c_time TIME, c_timestamp TIMESTAMP, c_timestamptz TIMESTAMPTZ,"
          + " c_uuid UUID, c_json JSON, c_jsonb JSONB, c_int_arr INTEGER[], c_text_arr TEXT[],"
          + " c_num_arr NUMERIC[])";

  private static final String ROWS =
      "INSERT INTO types VALUES"
          + " (1, -7, 2147483647, 9007199254740993, 1.25, 2.5e-300, 123456789.012,"
          + " 3.14159265358979323846264338327950288, true, 'tab\tline\nend \\ back', 'varchar',"
          + " '\\x00ff5c0a', '2024-02-29', '23:59:58.123456', '2024-02-29 12:34:56.654321',"
          + " '2024-03-01 01:02:03.000004+02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
          + " '{\"b\": 1,  \"a\": [1, 2.50]}', '{\"x\": {\"y\": null}}', ARRAY[1, NULL, -3],"
          + " ARRAY['a', 'b \"q\"', 'c\\d', NULL, '', 'x,y', '{z}', 'NULL', 'tab\tline\nend'],"
          + " ARRAY[1.50, NULL, 3.14159265358979323846]),"
          + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
          + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
          + " (3, -32768, -2147483648, -9223372036854775808, -3.4e38, 1.7976931348623157e308,"
          + " -999999999.999, -0.000000000000000000001, false, '', '', '\\x', '1900-01-01',"
          + " '00:00:00', '1969-12-31 23:59:59.999999', '1969-12-31 23:59:59.999999+00',"
          + " '00000000-0000-0000-0000-000000000000', '[]', '\"text\"', '{}', '{}', '{}'),"
          + " (4, 32767, 0, 9223372036854775807, 3.4e38, -0.0, 0.001, 1e-40, true, 'üñí ✓ 𝄞',"
          + " 'x', '\\x80', '2999-12-31', '12:00:00.000001', '2262-04-11 23:47:16.854775',"
          + " '2262-04-11 23:47:16.854775+00', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'null',"
          + " '[1, \"two\", false]', ARRAY[2147483647], ARRAY['üñí ✓'], ARRAY[1e-40])";

  private static final int ROW_COUNT = 4;

  private static final List<String> COLUMNS =
      List.of(
          "id",
          "c_smallint",
          "c_integer",
          "c_bigint",
          "c_real",
          "c_double",
          "c_numeric",
          "c_anynum",
          "c_bool",
          "c_text",
          "c_varchar",
          "c_bytea",
          "c_date",
          "c_time",
          "c_timestamp",
          "c_timestamptz",
          "c_uuid",
          "c_json",
          "c_jsonb",
          "c_int_arr",
          "c_text_arr",
          "c_num_arr");

  @TempDir Path dir;

  @Test
  void everyMappedTypeRoundTripsThroughTheWorker() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.createSymbolicLink(
        plugins.resolve("jdbc-connector"), Path.of("target", "plugin").toAbsolutePath());
    try (TestingPostgres postgres = TestingPostgres.start();
        EmbeddedBroker broker = EmbeddedBroker.start();
        EmbeddedWorker worker =
            EmbeddedWorker.start(
                broker.bootstrapServers(),
                dir.resolve("worker"),
                Map.of("plugin.path", plugins.toString()))) {
      // given
      postgres.execute(CREATE_SOURCE, ROWS);
      TestingRestClient rest = new TestingRestClient(worker.restUrl());

      // when: one pipeline per time.precision.mode
      for (String mode : List.of("connect", "micros")) {
        Map<String, String> source = converters();
        source.putAll(
            Map.of(
                "connector.class",
                JdbcSourceConnector.class.getName(),
                "connection.url",
                postgres.jdbcUrl(),
                "connection.user",
                postgres.user(),
                "mode",
                "incrementing",
                "incrementing.column.name",
                "id",
                "table.include.list",
                "types",
                "topic.prefix",
                "rt-" + mode + "-",
                "poll.interval.ms",
                "200",
                "time.precision.mode",
                mode));
        assertThat(
                rest.post("/connectors", Map.of("name", "source-" + mode, "config", source))
                    .status())
            .isEqualTo(201);
        Map<String, String> sink = converters();
        sink.putAll(
            Map.of(
                "connector.class",
                JdbcSinkConnector.class.getName(),
                "connection.url",
                postgres.jdbcUrl(),
                "connection.user",
                postgres.user(),
                "topics",
                "rt-" + mode + "-types",
                "table.name.format",
                "copy_" + mode,
                "auto.create",
                "true",
                "insert.mode",
                "upsert",
                "pk.mode",
                "record_key"));
        assertThat(
                rest.post("/connectors", Map.of("name", "sink-" + mode, "config", sink)).status())
            .isEqualTo(201);
      }

      // then
      for (String mode : List.of("connect", "micros")) {
        String copy = "copy_" + mode;
        await()
            .atMost(Duration.ofSeconds(90))
            .untilAsserted(
                () -> {
                  assertThat(rest.get("/connectors/sink-" + mode + "/status").body().toString())
                      .doesNotContain("FAILED");
                  assertThat(count(postgres, copy)).isEqualTo(ROW_COUNT);
                });
      }
      // micros: every value, to the microsecond, both ways
      assertThat(difference(postgres, "types", "copy_micros", false)).isEmpty();
      assertThat(difference(postgres, "copy_micros", "types", false)).isEmpty();
      // connect (default): equal once TIME and TIMESTAMPs are cut to milliseconds ...
      assertThat(difference(postgres, "types", "copy_connect", true)).isEmpty();
      assertThat(difference(postgres, "copy_connect", "types", true)).isEmpty();
      // ... and the microseconds are lost: the rows holding sub-millisecond times differ
      assertThat(difference(postgres, "types", "copy_connect", false))
          .containsExactlyInAnyOrder("1", "3", "4");
      // auto.create chose equivalent types, and the copies are nullable where the source is
      assertThat(columnTypes(postgres, "copy_micros"))
          .containsEntry("c_time", "time(6) without time zone")
          .containsEntry("c_timestamp", "timestamp(6) without time zone")
          .containsEntry("c_uuid", "uuid")
          .containsEntry("c_json", "jsonb")
          .containsEntry("c_numeric", "numeric(12,3)")
          .containsEntry("c_int_arr", "integer[]")
          .containsEntry("c_text_arr", "text[]")
          .containsEntry("c_num_arr", "numeric[]");
      assertThat(columnTypes(postgres, "copy_connect"))
          .containsEntry("c_time", "time(3) without time zone")
          .containsEntry("c_timestamp", "timestamp(3) without time zone");
    }
  }

  private static Map<String, String> converters() {
    Map<String, String> config = new HashMap<>();
    config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("key.converter.schemas.enable", "true");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("value.converter.schemas.enable", "true");
    return config;
  }

  /**
   * The ids of rows of {@code left} that have no identical row in {@code right}, every column cast
   * to one comparable type (JSON as JSONB, which has equality; times as TIMESTAMPTZ in UTC).
   */
  private static List<String> difference(
      TestingPostgres postgres, String left, String right, boolean millis) throws SQLException {
    String sql =
        "SELECT id FROM (SELECT "
            + projection(millis)
            + " FROM "
            + left
            + " EXCEPT SELECT "
            + projection(millis)
            + " FROM "
            + right
            + ") d ORDER BY id";
    List<String> ids = new ArrayList<>();
    try (Connection connection = postgres.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      try (ResultSet rows = statement.executeQuery(sql)) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return ids;
  }

  private static String projection(boolean millis) {
    List<String> columns = new ArrayList<>();
    for (String column : COLUMNS) {
      String cast =
          switch (column) {
            case "c_json", "c_jsonb" -> column + "::jsonb";
            case "c_varchar" -> column + "::text";
            case "c_time" -> millis ? "date_trunc('milliseconds', " + column + ")::time" : column;
            case "c_timestamp", "c_timestamptz" ->
                millis
                    ? "date_trunc('milliseconds', " + column + "::timestamptz)"
                    : column + "::timestamptz";
            default -> column;
          };
      columns.add(cast + " AS " + column);
    }
    return String.join(", ", columns);
  }

  private static long count(TestingPostgres postgres, String table) throws SQLException {
    try (Connection connection = postgres.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet exists =
          statement.executeQuery("SELECT to_regclass('\"" + table + "\"') IS NOT NULL")) {
        exists.next();
        if (!exists.getBoolean(1)) {
          return 0;
        }
      }
      try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static Map<String, String> columnTypes(TestingPostgres postgres, String table)
      throws SQLException {
    Map<String, String> types = new HashMap<>();
    try (Connection connection = postgres.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE"
                    + " attrelid = '\""
                    + table
                    + "\"'::regclass AND attnum > 0 AND NOT attisdropped")) {
      while (rows.next()) {
        types.put(rows.getString(1), rows.getString(2));
      }
    }
    return types;
  }
}
