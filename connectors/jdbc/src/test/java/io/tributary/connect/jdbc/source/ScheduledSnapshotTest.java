package io.tributary.connect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * A bulk table with a cron {@code schedule} is re-read by a running task at the schedule's times
 * only: with an every-second schedule and a 50 ms poll interval (which alone would reload it about
 * twenty times a second), each snapshot starts in a second of its own.
 */
class ScheduledSnapshotTest extends BasePostgresSourceTest {

  @Test
  void bulkSnapshotsStartOnTheScheduleAndNotBetweenItsTicks() throws Exception {
    // given a table of three rows and a schedule firing every second
    postgres.execute(
        "CREATE TABLE sched_t (id INT PRIMARY KEY, v TEXT)",
        "INSERT INTO sched_t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    try (SourceHarness source = new SourceHarness(new TestingOffsets())) {
      source.start(
          props("mode", "bulk", "table.include.list", "sched_t", "schedule", "* * * * * *"), 1);

      // when snapshots are read, a row being added after the first one
      Map<Long, List<Object>> snapshots = new TreeMap<>();
      boolean inserted = false;
      long deadline = System.currentTimeMillis() + 30_000;
      while (snapshots.values().stream().noneMatch(ids -> ids.size() == 4)) {
        assertThat(System.currentTimeMillis())
            .as("a snapshot with the added row within 30 s; got %s", snapshots)
            .isLessThan(deadline);
        for (SourceRecord record : source.pollOnce()) {
          long load = ((Number) record.sourceOffset().get("load")).longValue();
          snapshots
              .computeIfAbsent(load, k -> new ArrayList<>())
              .add(((Struct) record.value()).get("id"));
        }
        if (!inserted && snapshots.values().stream().anyMatch(ids -> ids.size() == 3)) {
          postgres.execute("INSERT INTO sched_t VALUES (4, 'd')");
          inserted = true;
        }
      }

      // then every snapshot read the whole table as it was, at least two arrived, and no two
      // started within one tick of the schedule
      assertThat(snapshots).hasSizeGreaterThanOrEqualTo(2);
      snapshots
          .values()
          .forEach(
              ids ->
                  assertThat(ids.stream().map(Integer.class::cast).sorted().toList())
                      .isIn(List.of(1, 2, 3), List.of(1, 2, 3, 4)));
      List<Long> seconds = snapshots.keySet().stream().map(start -> start / 1000).toList();
      assertThat(seconds).doesNotHaveDuplicates();
    }
  }
}
