package io.tributary.broker.internal.log;

import static io.tributary.broker.internal.log.LogTestSupport.batch;
import static io.tributary.broker.internal.log.LogTestSupport.config;
import static io.tributary.broker.internal.log.LogTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.internal.log.LogTestSupport.Read;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRecoveryTest {
  private static final TopicPartition TP = new TopicPartition("t", 0);
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path root;
  private final MutableClock clock = new MutableClock(T0);

  @Test
  void aTornOrCorruptTailIsTruncatedAtTheLastWholeBatch() throws IOException {
    for (long seed = 1; seed <= 12; seed++) {
      System.out.println("LogRecoveryTest seed " + seed);
      Random random = new Random(seed);
      Path dir = root.resolve("seed-" + seed);
      Map<String, String> cfg = Map.of("segment.bytes", "4000", "index.interval.bytes", "200");
      // Given a log whose last append is not flushed, and where each batch ends
      List<Long> batchEnds = new ArrayList<>();
      long activeBase;
      try (PartitionLog log = PartitionLog.open(TP, dir, config(cfg), clock, false)) {
        int batches = 30 + random.nextInt(40);
        for (int i = 0; i < batches; i++) {
          String[] kv = new String[2 * (1 + random.nextInt(4))];
          for (int j = 0; j < kv.length; j += 2) {
            kv[j] = "k" + i + "-" + j;
            kv[j + 1] = "v" + i + "-" + j + "-" + "x".repeat(random.nextInt(100));
          }
          log.append(batch(T0 + i, kv), TimestampType.CREATE_TIME);
        }
        activeBase = log.segments().get(log.segments().size() - 1).baseOffset();
        long offset = activeBase;
        for (var b : log.segments().get(log.segments().size() - 1).records().batches()) {
          batchEnds.add((long) (b.position() + b.sizeInBytes()));
          offset = b.nextOffset();
        }
        assertThat(offset).isEqualTo(log.logEndOffset());
        log.halt();
      }
      // When the active segment's tail is cut or overwritten with garbage at a random byte
      Path file = dir.resolve(LogSegment.logName(activeBase));
      long size = Files.size(file);
      long damageAt = size == 0 ? 0 : random.nextInt((int) size);
      boolean garbage = random.nextBoolean();
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        if (garbage) {
          byte[] junk = new byte[(int) (size - damageAt)];
          random.nextBytes(junk);
          raf.seek(damageAt);
          raf.write(junk);
        } else {
          raf.setLength(damageAt);
        }
      }
      long wholeBatches = batchEnds.stream().filter(e -> e <= damageAt).count();
      // Then reopening after the crash keeps exactly the whole batches before the damage
      try (PartitionLog log = PartitionLog.open(TP, dir, config(cfg), clock, false)) {
        List<Read> all = readAll(log, 0);
        long expectedEnd = all.isEmpty() ? 0 : all.get(all.size() - 1).offset() + 1;
        assertThat(log.logEndOffset()).isEqualTo(expectedEnd);
        LogSegment active = log.segments().get(log.segments().size() - 1);
        int kept = 0;
        for (var b : active.records().batches()) {
          b.ensureValid();
          kept++;
        }
        assertThat(kept)
            .as("seed %d, garbage %s, at %d", seed, garbage, damageAt)
            .isEqualTo((int) wholeBatches);
        for (int i = 0; i < all.size(); i++) {
          assertThat(all.get(i).offset()).isEqualTo(i);
        }
        // and the log takes appends again, which read back
        long next = log.logEndOffset();
        log.append(batch(T0, "after", "crash"), TimestampType.CREATE_TIME);
        assertThat(readAll(log, next).get(0).value()).isEqualTo("crash");
      }
    }
  }

  @Test
  void aCommittedSwapReplacesEverySegmentItCovers() throws IOException {
    Path dir = root.resolve("merged-swap");
    Map<String, String> cfg = Map.of("segment.bytes", "600");
    List<LogSegment> before;
    try (PartitionLog log = PartitionLog.open(TP, dir, config(cfg), clock, false)) {
      for (int i = 0; i < 40; i++) {
        log.append(batch(T0 + i, "k" + (i % 3), "v" + i), TimestampType.CREATE_TIME);
      }
      before = log.segments();
    }
    assertThat(before).hasSizeGreaterThan(3);
    // Given a committed swap at segment 0 holding the last batch of segments 0 and 1, with
    // segment 0 already retired and segment 1 not yet
    java.io.ByteArrayOutputStream swap = new java.io.ByteArrayOutputStream();
    for (int s = 0; s < 2; s++) {
      Path file = dir.resolve(LogSegment.logName(before.get(s).baseOffset()));
      byte[] bytes = Files.readAllBytes(file);
      int lastStart = 0;
      try (var records = org.apache.kafka.common.record.FileRecords.open(file.toFile())) {
        for (var b : records.batches()) {
          lastStart = b.position();
        }
      }
      swap.write(bytes, lastStart, bytes.length - lastStart);
    }
    Files.write(dir.resolve(LogSegment.logName(0) + ".swap"), swap.toByteArray());
    Files.move(dir.resolve(LogSegment.logName(0)), dir.resolve(LogSegment.logName(0) + ".deleted"));
    // When the log is opened
    try (PartitionLog log = PartitionLog.open(TP, dir, config(cfg), clock, false)) {
      // Then the swap replaced segments 0 and 1, and the rest is untouched
      long third = before.get(2).baseOffset();
      List<Read> all = readAll(log, 0);
      assertThat(all.get(0).offset()).isEqualTo(before.get(1).baseOffset() - 1);
      assertThat(all.get(1).offset()).isEqualTo(third - 1);
      assertThat(all.get(2).offset()).isEqualTo(third);
      assertThat(log.segments()).hasSize(before.size() - 1);
    }
  }

  @Test
  void interruptedSwapsAreFinishedOrUndone() throws IOException {
    Path dir = root.resolve("swap");
    Map<String, String> cfg = Map.of("segment.bytes", "600");
    long secondBase;
    try (PartitionLog log = PartitionLog.open(TP, dir, config(cfg), clock, false)) {
      for (int i = 0; i < 30; i++) {
        log.append(batch(T0 + i, "k" + (i % 3), "v" + i), TimestampType.CREATE_TIME);
      }
      secondBase = log.segments().get(1).baseOffset();
    }
    // Given a committed swap for the first segment: a .log.swap holding only its last batch
    String first = LogSegment.name(0);
    Path firstLog = dir.resolve(first + ".log");
    byte[] bytes = Files.readAllBytes(firstLog);
    int lastStart = 0;
    try (var records = org.apache.kafka.common.record.FileRecords.open(firstLog.toFile())) {
      for (var b : records.batches()) {
        lastStart = b.position();
      }
    }
    Files.write(
        dir.resolve(first + ".log.swap"),
        java.util.Arrays.copyOfRange(bytes, lastStart, bytes.length));
    Files.move(firstLog, dir.resolve(first + ".log.deleted"));
    Files.write(dir.resolve(first + ".index.swap"), new byte[] {1, 2, 3});
    // and an uncommitted cleaning of the second segment
    String second = LogSegment.name(secondBase);
    Files.write(dir.resolve(second + ".log.cleaned"), new byte[] {9, 9, 9});
    Files.write(dir.resolve(second + ".index.swap"), new byte[] {9});
    // When the log is opened
    try (PartitionLog log = PartitionLog.open(TP, dir, config(cfg), clock, false)) {
      // Then the first segment is the swapped one and the second is untouched
      List<Read> all = readAll(log, 0);
      assertThat(all.get(0).offset()).isEqualTo(secondBase - 1);
      assertThat(all.get(1).offset()).isEqualTo(secondBase);
      assertThat(all).hasSize((int) (30 - secondBase + 1));
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith(".swap") || n.endsWith(".cleaned") || n.endsWith(".deleted"));
    }
  }
}
