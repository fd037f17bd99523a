package io.tributary.broker.internal.log;

import static io.tributary.broker.internal.log.LogTestSupport.batch;
import static io.tributary.broker.internal.log.LogTestSupport.config;
import static io.tributary.broker.internal.log.LogTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.internal.log.LogTestSupport.Read;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.record.FileRecords.TimestampAndOffset;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogTest {
  private static final TopicPartition TP = new TopicPartition("t", 0);
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);

  private PartitionLog open(Map<String, String> overrides) throws IOException {
    return PartitionLog.open(TP, dir, config(overrides), clock, false);
  }

  @Test
  void flushMessagesOneFsyncsEveryAppendBeforeItReturns() throws IOException {
    // Given a log with flush.messages=1
    try (PartitionLog log = open(Map.of("flush.messages", "1"))) {
      for (int i = 0; i < 5; i++) {
        // When appending
        log.append(batch(T0, "k", "v" + i), TimestampType.CREATE_TIME);
        // Then the append was fsynced before append returned
        assertThat(log.flushCount()).isEqualTo(i + 1);
        assertThat(log.recoveryPoint()).isEqualTo(log.logEndOffset());
      }
    }
  }

  @Test
  void theDefaultFlushPolicyLeavesFsyncToTheOsAndFlushMsFlushesLater() throws IOException {
    // Given a log with the default flush.messages and flush.ms=1000
    try (PartitionLog log = open(Map.of("flush.ms", "1000"))) {
      log.append(batch(T0, "k", "a"), TimestampType.CREATE_TIME);
      log.append(batch(T0, "k", "b"), TimestampType.CREATE_TIME);
      assertThat(log.flushCount()).isZero();
      assertThat(log.recoveryPoint()).isZero();
      // When the periodic check runs before flush.ms has passed, then nothing is flushed
      log.maybeFlushByTime();
      assertThat(log.flushCount()).isZero();
      // When it runs after flush.ms, then the log is fsynced
      clock.advance(1000);
      log.maybeFlushByTime();
      assertThat(log.flushCount()).isEqualTo(1);
      assertThat(log.recoveryPoint()).isEqualTo(2);
    }
  }

  @Test
  void readsAndTimestampLookupsUseTheIndexesAcrossSegments() throws IOException {
    // Given many batches over several segments with a dense index
    List<Long> timestamps = new ArrayList<>();
    try (PartitionLog log = open(Map.of("segment.bytes", "2000", "index.interval.bytes", "150"))) {
      for (int i = 0; i < 300; i++) {
        long ts = T0 + i * 10L + (i % 7 == 0 ? -25 : 0);
        timestamps.add(ts);
        log.append(batch(ts, "k" + i, "value-" + i), TimestampType.CREATE_TIME);
      }
      assertThat(log.segments()).hasSizeGreaterThan(5);
      // When reading from every offset, then the batch holding it comes first
      for (long offset = 0; offset < 300; offset++) {
        List<Read> read = readAll(log, offset);
        assertThat(read.get(0).offset()).isEqualTo(offset);
        assertThat(read.get(0).value()).isEqualTo("value-" + offset);
      }
      // When looking up timestamps, then the result is the first offset at or after it
      for (long target = T0 - 50; target < T0 + 3100; target += 7) {
        Optional<TimestampAndOffset> found = log.offsetForTimestamp(target);
        long expected = -1;
        for (int i = 0; i < timestamps.size(); i++) {
          if (timestamps.get(i) >= target) {
            expected = i;
            break;
          }
        }
        if (expected < 0) {
          assertThat(found).as("timestamp %d", target).isEmpty();
        } else {
          assertThat(found).as("timestamp %d", target).isPresent();
          assertThat(found.get().offset).as("timestamp %d", target).isEqualTo(expected);
        }
      }
      assertThat(log.maxTimestampAndOffset().get().offset).isEqualTo(299);
    }
  }

  @Test
  void aCleanReopenTrustsIndexesAndAMissingOrCorruptIndexIsRebuilt() throws IOException {
    // Given a closed log of several segments
    try (PartitionLog log = open(Map.of("segment.bytes", "1500", "index.interval.bytes", "100"))) {
      for (int i = 0; i < 100; i++) {
        log.append(batch(T0 + i, "k" + i, "v" + i), TimestampType.CREATE_TIME);
      }
    }
    List<Path> indexes;
    try (var files = Files.list(dir)) {
      indexes = files.filter(p -> p.toString().endsWith(".index")).sorted().toList();
    }
    assertThat(indexes).hasSizeGreaterThan(3);
    // When one index is deleted, one is garbled and one time index is truncated mid-entry
    Files.delete(indexes.get(0));
    byte[] garbage = new byte[24];
    java.util.Arrays.fill(garbage, (byte) 0x7f);
    Files.write(indexes.get(1), garbage);
    Path timeIndex = indexes.get(2).resolveSibling(indexes.get(2).getFileName().toString() + "x");
    timeIndex = Path.of(indexes.get(2).toString().replace(".index", ".timeindex"));
    byte[] time = Files.readAllBytes(timeIndex);
    Files.write(timeIndex, java.util.Arrays.copyOf(time, Math.max(0, time.length - 5)));
    // Then reopening (as after a clean shutdown) rebuilds them and everything reads back
    try (PartitionLog log = PartitionLog.open(TP, dir, config(Map.of()), clock, true)) {
      List<Read> all = readAll(log, 0);
      assertThat(all).hasSize(100);
      for (int i = 0; i < 100; i++) {
        assertThat(all.get(i).offset()).isEqualTo(i);
        assertThat(all.get(i).value()).isEqualTo("v" + i);
        assertThat(log.offsetForTimestamp(T0 + i).get().offset).isEqualTo(i);
      }
      assertThat(Files.size(indexes.get(0))).isPositive();
      assertThat(Files.size(indexes.get(1)) % OffsetIndex.ENTRY_SIZE).isZero();
    }
  }

  @Test
  void deleteRecordsMovesTheLogStartOffsetPersistentlyAndDropsWholeSegments() throws IOException {
    try (PartitionLog log = open(Map.of("segment.bytes", "1000"))) {
      for (int i = 0; i < 60; i++) {
        log.append(batch(T0, "k" + i, "v" + i), TimestampType.CREATE_TIME);
      }
      int before = log.segments().size();
      // When deleting records before offset 42
      assertThat(log.deleteRecordsBefore(42)).isEqualTo(42);
      // Then reads below it fail, reads from it work, and segments below it went
      assertThatThrownBy(() -> log.read(41, 1000, true))
          .isInstanceOf(OffsetOutOfRangeException.class);
      assertThat(readAll(log, 42).get(0).offset()).isEqualTo(42);
      assertThat(log.segments().size()).isLessThan(before);
      assertThat(log.segments().get(0).baseOffset()).isLessThanOrEqualTo(42);
      // A lower offset changes nothing; one past the high watermark is rejected
      assertThat(log.deleteRecordsBefore(10)).isEqualTo(42);
      assertThatThrownBy(() -> log.deleteRecordsBefore(61))
          .isInstanceOf(OffsetOutOfRangeException.class);
    }
    // When reopening, then the start offset is still 42
    try (PartitionLog log = open(Map.of())) {
      assertThat(log.logStartOffset()).isEqualTo(42);
      assertThat(log.logEndOffset()).isEqualTo(60);
    }
  }

  @Test
  void retentionByTimeAndSizeDeletesWholeOldSegments() throws IOException {
    // Given segments written over ten minutes
    try (PartitionLog log =
        open(Map.of("segment.bytes", "1000", "retention.ms", "300000", "retention.bytes", "-1"))) {
      for (int i = 0; i < 100; i++) {
        log.append(batch(clock.millis(), "k" + i, "v" + i), TimestampType.CREATE_TIME);
        clock.advance(6_000);
      }
      // When retention runs, then segments whose newest record is over 5 minutes old are gone
      int removed = log.enforceRetention();
      assertThat(removed).isPositive();
      long start = log.logStartOffset();
      assertThat(start).isEqualTo(log.segments().get(0).baseOffset());
      // records 0..49 are older than the cutoff; the first kept segment holds a newer one
      assertThat(start).isBetween(25L, 50L);
      assertThat(log.segments().get(0).maxTimestamp()).isGreaterThanOrEqualTo(T0 + 300_000);
      assertThat(readAll(log, start)).hasSize((int) (100 - start));
      // When a size limit applies, then the oldest segments go until the log fits
      log.updateConfig(config(Map.of("segment.bytes", "1000", "retention.bytes", "2500")));
      log.enforceRetention();
      long total = log.segments().stream().mapToLong(LogSegment::sizeInBytes).sum();
      assertThat(total).isLessThanOrEqualTo(2500 + 1000);
      assertThat(log.logStartOffset()).isGreaterThan(start);
    }
  }

  @Test
  void compactedTopicsRejectRecordsWithoutKeysAndTimestampsAreChecked() throws IOException {
    try (PartitionLog log = open(Map.of("cleanup.policy", "compact"))) {
      assertThatThrownBy(
              () -> log.append(batch(T0, "k", "v", null, "v"), TimestampType.CREATE_TIME))
          .isInstanceOf(InvalidRecordException.class)
          .hasMessageContaining("without a key");
      assertThat(log.logEndOffset()).isZero();
    }
    try (PartitionLog log =
        open(
            Map.of(
                "message.timestamp.before.max.ms", "60000",
                "message.timestamp.after.max.ms", "1000"))) {
      log.append(batch(T0 - 59_000, "k", "ok"), TimestampType.CREATE_TIME);
      assertThatThrownBy(() -> log.append(batch(T0 - 61_000, "k", "v"), TimestampType.CREATE_TIME))
          .isInstanceOf(InvalidTimestampException.class);
      assertThatThrownBy(() -> log.append(batch(T0 + 2_000, "k", "v"), TimestampType.CREATE_TIME))
          .isInstanceOf(InvalidTimestampException.class);
      assertThat(log.logEndOffset()).isEqualTo(1);
    }
  }

  @Test
  void aFullIndexRollsTheSegment() throws IOException {
    try (PartitionLog log =
        open(Map.of("segment.index.bytes", "40", "index.interval.bytes", "0"))) {
      for (int i = 0; i < 12; i++) {
        log.append(batch(T0 + i, "k", "v"), TimestampType.CREATE_TIME);
      }
      // 40 bytes hold 5 offset entries (and 3 time entries): one per batch with interval 0
      assertThat(log.segments().size()).isGreaterThanOrEqualTo(4);
      assertThat(readAll(log, 0)).hasSize(12);
    }
  }
}
