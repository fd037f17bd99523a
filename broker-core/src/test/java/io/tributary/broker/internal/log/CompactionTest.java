package io.tributary.broker.internal.log;

import static io.tributary.broker.internal.log.LogTestSupport.batch;
import static io.tributary.broker.internal.log.LogTestSupport.config;
import static io.tributary.broker.internal.log.LogTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.internal.log.LogTestSupport.Read;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionTest {
  private static final TopicPartition TP = new TopicPartition("c", 0);
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);

  @Test
  void keepsTheLatestRecordPerKeyAndDropsTombstonesAfterTheirHorizon() throws IOException {
    Map<String, String> cfg =
        Map.of(
            "cleanup.policy", "compact",
            "segment.bytes", "1200",
            "segment.ms", "50000",
            "delete.retention.ms", "60000",
            "min.cleanable.dirty.ratio", "0.01");
    Random random = new Random(7);
    TreeMap<String, String> expected = new TreeMap<>();
    Map<Long, String> valueAt = new HashMap<>();
    try (PartitionLog log = PartitionLog.open(TP, dir, config(cfg), clock, false)) {
      // Given many updates per key, some deletes
      for (int i = 0; i < 400; i++) {
        String key = "key-" + random.nextInt(20);
        String value = random.nextInt(10) == 0 ? null : "value-" + i;
        long offset = log.logEndOffset();
        log.append(batch(clock.millis(), key, value), TimestampType.CREATE_TIME);
        valueAt.put(offset, value);
        if (value == null) {
          expected.remove(key);
        } else {
          expected.put(key, value);
        }
        clock.advance(10);
      }
      // and the last word on three keys is a delete
      for (String key : List.of("key-1", "key-2", "key-3")) {
        valueAt.put(log.logEndOffset(), null);
        log.append(batch(clock.millis(), key, null), TimestampType.CREATE_TIME);
        expected.remove(key);
      }
      // and the active segment rolled by segment.ms, so that every record is cleanable
      clock.advance(50_000);
      log.enforceRetention();
      assertThat(log.segments().get(log.segments().size() - 1).sizeInBytes()).isZero();
      int before = log.segments().size();
      LogCleaner cleaner = new LogCleaner(() -> List.of(log), 1000);
      // When the cleaner runs
      assertThat(cleaner.cleanOnce()).isTrue();
      // Then a reader sees at most one record per key, and each is the latest for its key,
      // at its original offset
      List<Read> all = readAll(log, 0);
      Map<String, Read> seen = new HashMap<>();
      for (Read r : all) {
        assertThat(seen.put(r.key(), r)).as("duplicate key %s", r.key()).isNull();
        assertThat(valueAt.get(r.offset())).isEqualTo(r.value());
      }
      Map<String, String> live = new TreeMap<>();
      seen.values().stream()
          .filter(r -> r.value() != null)
          .forEach(r -> live.put(r.key(), r.value()));
      assertThat(live).isEqualTo(expected);
      long tombstones = seen.values().stream().filter(r -> r.value() == null).count();
      assertThat(tombstones).isGreaterThanOrEqualTo(3);
      // When the cleaner runs before delete.retention.ms has passed, then tombstones stay
      clock.advance(30_000);
      cleaner.cleanOnce();
      assertThat(readAll(log, 0)).isEqualTo(all);
      // When delete.retention.ms passes and the cleaner runs again, then tombstones are gone
      clock.advance(60_001);
      cleaner.cleanOnce();
      List<Read> after = readAll(log, 0);
      // and the segments shrunk by the first pass were merged by the second
      assertThat(log.segments().size()).isLessThan(before / 4);
      assertThat(after).noneMatch(r -> r.value() == null);
      assertThat(after).hasSize(all.size() - (int) tombstones);
      Map<String, String> live2 = new TreeMap<>();
      after.forEach(r -> live2.put(r.key(), r.value()));
      assertThat(live2).isEqualTo(expected);
    }
    // And every cleaned segment kept its index files through the swap
    try (var files = java.nio.file.Files.list(dir)) {
      for (Path log : files.filter(p -> p.toString().endsWith(".log")).toList()) {
        if (java.nio.file.Files.size(log) == 0) {
          continue;
        }
        Path index = Path.of(log.toString().replace(".log", ".index"));
        assertThat(java.nio.file.Files.size(index)).as("%s", index).isPositive();
      }
    }
    // And after reopening, the cleaned log reads the same
    try (PartitionLog log = PartitionLog.open(TP, dir, config(cfg), clock, true)) {
      Map<String, String> live3 = new TreeMap<>();
      readAll(log, 0).forEach(r -> live3.put(r.key(), r.value()));
      assertThat(live3).isEqualTo(expected);
    }
  }
}
