package io.tributary.connect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Split loads on a real PostgreSQL: ranges over 4 tasks, exactly once, resumed mid-range. */
class JdbcSourceSplitTest extends BasePostgresSourceTest {
  private static long id(SourceRecord record) {
    return ((Number) ((Struct) record.value()).get("id")).longValue();
  }

  @Test
  void aSplitBulkLoadOverFourTasksDeliversEachRowOnceAcrossARestart() throws Exception {
    // given 100,000 rows, split into 8 ranges read by 4 tasks, loaded once
    postgres.execute(
        "CREATE TABLE big_t (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)",
        "INSERT INTO big_t SELECT g, md5(g::text) FROM generate_series(1, 100000) g");
    TestingOffsets offsets = new TestingOffsets();
    Map<String, String> props =
        props(
            "mode", "bulk",
            "table.include.list", "big_t",
            "split.ranges", "8",
            "load.once", "true",
            "batch.max.rows", "1000",
            "fetch.size", "1000");
    List<SourceRecord> first;
    try (SourceHarness source = new SourceHarness(offsets)) {
      source.start(props, 4);
      assertThat(source.taskCount()).isEqualTo(4);
      // when the worker stops after part of the load (everything polled was committed)
      first = source.pollUntil(40_000);
    }
    // and starts again on the same offsets, with rows added beyond the old maximum
    postgres.execute("INSERT INTO big_t SELECT g, 'late' FROM generate_series(100001, 100010) g");
    List<SourceRecord> second;
    try (SourceHarness restarted = new SourceHarness(offsets)) {
      restarted.start(props, 4);
      second = restarted.pollUntil(100_010 - first.size());
      // then nothing more comes: every range is done, load.once idles
      assertThat(restarted.pollOnce()).isEmpty();
    }

    // then every row arrived exactly once
    List<Long> ids = new ArrayList<>();
    first.forEach(r -> ids.add(id(r)));
    second.forEach(r -> ids.add(id(r)));
    Set<Long> distinct = new HashSet<>(ids);
    assertThat(ids).hasSize(100_010);
    assertThat(distinct).hasSize(100_010);
    assertThat(distinct).contains(1L, 50_000L, 100_000L, 100_010L);
    // and each range's offset says it is done, with the same plan
    List<Map<String, Object>> rangeOffsets =
        offsets.all().entrySet().stream()
            .filter(e -> e.getKey().containsKey("range"))
            .map(Map.Entry::getValue)
            .toList();
    assertThat(rangeOffsets).hasSize(8);
    assertThat(rangeOffsets).allSatisfy(o -> assertThat(o).containsEntry("done", true));
    assertThat(rangeOffsets.stream().map(o -> o.get("split.cuts")).distinct()).hasSize(1);
  }

  @Test
  void anIncrementalModeSplitsItsInitialLoadAndStreamsFromTheWatermark() throws Exception {
    // given
    postgres.execute(
        "CREATE TABLE inc_big (id BIGINT PRIMARY KEY, v INT NOT NULL)",
        "INSERT INTO inc_big SELECT g, g FROM generate_series(1, 20000) g");
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(
          props(
              "mode", "incrementing",
              "incrementing.column.name", "id",
              "table.include.list", "inc_big",
              "split.ranges", "4",
              "batch.max.rows", "500"),
          4);

      // when the initial load is read and rows are added
      List<SourceRecord> initial = source.pollUntil(20_000);
      postgres.execute("INSERT INTO inc_big SELECT g, g FROM generate_series(20001, 20100) g");
      List<SourceRecord> streamed = source.pollUntil(100);

      // then the initial load came from the ranges, the new rows from the stream, each once
      assertThat(initial.stream().map(JdbcSourceSplitTest::id).distinct()).hasSize(20_000);
      assertThat(initial).allSatisfy(r -> assertThat(r.sourcePartition()).containsKey("range"));
      assertThat(streamed.stream().map(JdbcSourceSplitTest::id).toList())
          .containsExactlyElementsOf(
              java.util.stream.LongStream.rangeClosed(20_001, 20_100).boxed().toList());
      assertThat(streamed.get(99).sourceOffset()).isEqualTo(Map.of("incrementing", 20_100L));
      assertThat(source.pollOnce()).isEmpty();
    }
  }

  @Test
  void aTimestampSplitColumnIsCutIntoTimeRanges() throws Exception {
    // given a table split on a timestamp column that is not unique
    postgres.execute(
        "CREATE TABLE events (id INT PRIMARY KEY, at TIMESTAMP NOT NULL)",
        "INSERT INTO events SELECT g, TIMESTAMP '2024-01-01' + (g / 10) * INTERVAL '1 minute'"
            + " FROM generate_series(1, 1000) g");
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(
          props(
              "mode", "bulk",
              "table.include.list", "events",
              "split.column", "at",
              "split.ranges", "5",
              "load.once", "true"),
          2);

      // when
      List<SourceRecord> records = source.pollUntil(1000);

      // then
      assertThat(records.stream().map(JdbcSourceSplitTest::id).distinct()).hasSize(1000);
      assertThat(records.stream().map(r -> r.sourcePartition().get("range")).distinct()).hasSize(5);
      assertThat(source.pollOnce()).isEmpty();
    }
  }

  @Test
  void rowsPerRangeSizesTheRangesFromACount() throws Exception {
    // given
    postgres.execute(
        "CREATE TABLE counted (id INT PRIMARY KEY)",
        "INSERT INTO counted SELECT g FROM generate_series(1, 1000) g");
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(
          props(
              "mode", "bulk",
              "table.include.list", "counted",
              "split.rows.per.range", "250",
              "load.once", "true"),
          4);

      // when
      List<SourceRecord> records = source.pollUntil(1000);

      // then
      assertThat(source.taskCount()).isEqualTo(4);
      assertThat(records.stream().map(JdbcSourceSplitTest::id).distinct()).hasSize(1000);
      assertThat(records.stream().map(r -> (Object) r.sourcePartition().get("range")).distinct())
          .containsExactlyInAnyOrder("0", "1", "2", "3");
    }
  }
}
