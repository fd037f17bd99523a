package io.tributary.connect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Each mode against a real PostgreSQL, tasks driven directly with an in-memory offset store. */
class JdbcSourceModesTest extends BasePostgresSourceTest {
  private static List<Object> ids(List<SourceRecord> records) {
    return records.stream().map(r -> ((Struct) r.value()).get("id")).toList();
  }

  @Test
  void bulkReadsTheWholeTableWithKeysFromThePrimaryKey() throws Exception {
    // given
    postgres.execute(
        "CREATE TABLE bulk_t (id INT PRIMARY KEY, name TEXT)",
        "INSERT INTO bulk_t VALUES (1, 'a'), (2, 'b'), (3, NULL)");
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(props("mode", "bulk", "table.include.list", "bulk_t"), 1);

      // when
      List<SourceRecord> records = source.pollUntil(3);

      // then
      assertThat(records).extracting(SourceRecord::topic).containsOnly("db-bulk_t");
      assertThat(ids(records)).containsExactlyInAnyOrder(1, 2, 3);
      SourceRecord first =
          records.stream()
              .filter(r -> ((Struct) r.value()).get("id").equals(1))
              .findFirst()
              .orElseThrow();
      assertThat(((Struct) first.key()).get("id")).isEqualTo(1);
      assertThat(((Struct) first.value()).get("name")).isEqualTo("a");
      assertThat(first.valueSchema().name()).isEqualTo("bulk_t");
      assertThat(first.valueSchema().field("id").schema().isOptional()).isFalse();
      assertThat(first.valueSchema().field("name").schema().isOptional()).isTrue();
      // and a bulk table is read again on the next interval
      assertThat(ids(source.pollUntil(3))).containsExactlyInAnyOrder(1, 2, 3);
    }
  }

  @Test
  void incrementingReadsOnlyNewRowsAndResumesFromCommittedOffsets() throws Exception {
    // given
    postgres.execute(
        "CREATE TABLE inc_t (id BIGSERIAL PRIMARY KEY, v TEXT NOT NULL)",
        "INSERT INTO inc_t (v) SELECT 'r' || g FROM generate_series(1, 5) g");
    TestingOffsets offsets = new TestingOffsets();
    Map<String, String> props =
        props(
            "mode",
            "incrementing",
            "incrementing.column.name",
            "id",
            "table.whitelist",
            "inc_t",
            "batch.max.rows",
            "2");
    try (SourceHarness source = new SourceHarness(offsets)) {
      source.start(props, 1);
      assertThat(ids(source.pollUntil(5))).containsExactly(1L, 2L, 3L, 4L, 5L);

      // when
      postgres.execute("INSERT INTO inc_t (v) VALUES ('six')");
      List<SourceRecord> more = source.pollUntil(1);

      // then
      assertThat(ids(more)).containsExactly(6L);
      assertThat(more.get(0).sourceOffset()).isEqualTo(Map.of("incrementing", 6L));
      assertThat(more.get(0).sourcePartition())
          .isEqualTo(Map.of("protocol", "1", "table", "public.inc_t"));
    }
    // when the task restarts from the committed offsets
    postgres.execute("INSERT INTO inc_t (v) VALUES ('seven')");
    try (SourceHarness restarted = new SourceHarness(offsets)) {
      restarted.start(props, 1);
      // then only the new row arrives
      assertThat(ids(restarted.pollUntil(1))).containsExactly(7L);
      assertThat(restarted.pollOnce()).isEmpty();
    }
  }

  @Test
  void timestampModeReadsARowCommittedLateWithAnEarlierTimestamp() throws Exception {
    // given
    postgres.execute("CREATE TABLE ts_t (id INT PRIMARY KEY, updated TIMESTAMP NOT NULL)");
    try (SourceHarness source = new SourceHarness(new TestingOffsets());
        Connection late = postgres.dataSource().getConnection()) {
      source.start(
          props(
              "mode",
              "timestamp",
              "timestamp.column.name",
              "updated",
              "table.include.list",
              "ts_t",
              "timestamp.delay.interval.ms",
              "1500"),
          1);
      // a transaction writes a row stamped now and stays open
      late.setAutoCommit(false);
      try (Statement statement = late.createStatement()) {
        statement.execute("INSERT INTO ts_t VALUES (1, clock_timestamp() AT TIME ZONE 'UTC')");
      }
      // another row, stamped later, commits at once
      postgres.execute("INSERT INTO ts_t VALUES (2, clock_timestamp() AT TIME ZONE 'UTC')");
      // the task polls while the first transaction is open
      List<SourceRecord> before = source.pollOnce();

      // when the late transaction commits
      late.commit();
      List<SourceRecord> after = source.pollUntil(2 - before.size());

      // then both rows arrive, each once
      List<SourceRecord> all = new java.util.ArrayList<>(before);
      all.addAll(after);
      assertThat(ids(all)).containsExactlyInAnyOrder(1, 2);
      assertThat(all.get(all.size() - 1).sourceOffset())
          .containsKeys("timestamp", "timestamp_nanos");
    }
  }

  @Test
  void timestampIncrementingHandlesTiesAcrossBatchesAndRestarts() throws Exception {
    // given: five rows on one timestamp, read two per poll
    postgres.execute(
        "CREATE TABLE tie_t (id INT PRIMARY KEY, updated TIMESTAMP NOT NULL)",
        "INSERT INTO tie_t SELECT g, TIMESTAMP '2024-01-01 10:00:00.123456' FROM generate_series(1, 5) g");
    TestingOffsets offsets = new TestingOffsets();
    Map<String, String> props =
        props(
            "mode", "timestamp+incrementing",
            "timestamp.column.name", "updated",
            "incrementing.column.name", "id",
            "table.include.list", "tie_t",
            "batch.max.rows", "2");
    try (SourceHarness source = new SourceHarness(offsets)) {
      source.start(props, 1);
      // when only the first batch is read and committed
      List<SourceRecord> first = source.pollUntil(2);
      assertThat(ids(first)).containsExactly(1, 2);
      Map<String, Object> offset = new HashMap<>(first.get(1).sourceOffset());
      assertThat(offset)
          .containsEntry("incrementing", 2L)
          .containsEntry("timestamp_nanos", 123456000L);
    }
    // and the task restarts, and a row with the same timestamp is added
    postgres.execute("INSERT INTO tie_t VALUES (6, TIMESTAMP '2024-01-01 10:00:00.123456')");
    try (SourceHarness restarted = new SourceHarness(offsets)) {
      restarted.start(props, 1);
      // then the rest of the tie arrives, once each
      assertThat(ids(restarted.pollUntil(4))).containsExactly(3, 4, 5, 6);
      assertThat(restarted.pollOnce()).isEmpty();
    }
  }

  @Test
  void aCustomQueryIsWrappedAsASubqueryInAnyMode() throws Exception {
    // given
    postgres.execute(
        "CREATE TABLE q_orders (id INT PRIMARY KEY, amount INT NOT NULL)",
        "INSERT INTO q_orders VALUES (1, 10), (2, 200), (3, 300)");
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(
          props(
              "mode", "incrementing",
              "incrementing.column.name", "id",
              "query", "SELECT id, amount * 2 AS doubled FROM q_orders WHERE amount > 50",
              "topic.prefix", "big-orders"),
          1);

      // when
      List<SourceRecord> records = source.pollUntil(2);

      // then
      assertThat(records).extracting(SourceRecord::topic).containsOnly("big-orders");
      assertThat(records)
          .extracting(r -> ((Struct) r.value()).get("doubled"))
          .containsExactly(400, 600);
      assertThat(records.get(0).sourcePartition()).isEqualTo(Map.of("query", "query"));
      postgres.execute("INSERT INTO q_orders VALUES (4, 1000), (5, 1)");
      assertThat(ids(source.pollUntil(1))).containsExactly(4);
    }
  }
}
