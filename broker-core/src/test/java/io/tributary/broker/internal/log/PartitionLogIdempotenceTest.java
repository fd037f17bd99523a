package io.tributary.broker.internal.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Idempotent appends through PartitionLog, across clean and unclean restarts. */
class PartitionLogIdempotenceTest {
  private static final TopicPartition TP = new TopicPartition("idem", 0);
  private static final long PID = 42L;
  private static final short EPOCH = 0;
  private static final LogConfig SMALL_SEGMENTS =
      TopicConfigs.resolve(
          TopicConfigs.kafkaDefaults(), java.util.Map.of(TopicConfigs.SEGMENT_BYTES, "300"));

  @TempDir Path tmp;
  private final List<PartitionLog> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws IOException {
    for (PartitionLog log : opened) {
      log.close();
    }
  }

  private PartitionLog open(Path dir) throws IOException {
    PartitionLog log = PartitionLog.open(TP, dir, SMALL_SEGMENTS, Clock.systemUTC());
    opened.add(log);
    return log;
  }

  /** A fresh copy of the batch a producer would (re)send: sequences baseSequence.. +count-1. */
  private static MemoryRecords batch(int baseSequence, int count) {
    SimpleRecord[] records = new SimpleRecord[count];
    for (int i = 0; i < count; i++) {
      records[i] = new SimpleRecord(("seq-" + (baseSequence + i)).getBytes());
    }
    return MemoryRecords.withIdempotentRecords(Compression.NONE, PID, EPOCH, baseSequence, records);
  }

  private static LogAppendResult append(PartitionLog log, MemoryRecords records) {
    return log.append(records, TimestampType.CREATE_TIME);
  }

  /** What a crash leaves: the files as they are, without the close (and its snapshot). */
  private Path crashCopy(Path dir) throws IOException {
    Path copy = Files.createTempDirectory(tmp, "crashed-");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    return copy;
  }

  private static List<String> values(PartitionLog log) {
    List<String> values = new ArrayList<>();
    long offset = log.logStartOffset();
    while (offset < log.logEndOffset()) {
      LogReadResult read = log.read(offset, Integer.MAX_VALUE, true);
      for (RecordBatch batch : read.records().batches()) {
        for (Record record : batch) {
          byte[] value = new byte[record.valueSize()];
          record.value().get(value);
          values.add(new String(value));
        }
        offset = batch.nextOffset();
      }
    }
    return values;
  }

  @Test
  void aRetriedBatchGetsItsOriginalOffsetsAndIsStoredOnce() throws IOException {
    // Given a plain batch and an idempotent batch in the log
    PartitionLog log = open(tmp.resolve("p"));
    append(log, MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("plain".getBytes())));
    LogAppendResult first = append(log, batch(0, 3));
    assertThat(first.firstOffset()).isEqualTo(1);
    // When the producer retries the same batch
    LogAppendResult retry = append(log, batch(0, 3));
    // Then it is acknowledged with the original offsets and not appended again
    assertThat(retry.firstOffset()).isEqualTo(1);
    assertThat(retry.lastOffset()).isEqualTo(3);
    assertThat(log.logEndOffset()).isEqualTo(4);
    assertThat(values(log)).containsExactly("plain", "seq-0", "seq-1", "seq-2");
  }

  @ParameterizedTest(name = "snapshots from segment rolls kept: {0}")
  @ValueSource(booleans = {true, false})
  void producerStateIsRebuiltFromTheLogAfterACrash(boolean keepRollSnapshots) throws IOException {
    // Given seven batches spread over several segments, and no clean close
    Path dir = tmp.resolve("p");
    PartitionLog log = open(dir);
    for (int i = 0; i < 7; i++) {
      append(log, batch(i * 2, 2));
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(f -> f.toString().endsWith(".log")).count()).isGreaterThan(1);
    }
    // When the broker restarts from the files as the crash left them (with or without the
    // snapshots written at segment rolls)
    Path crashed = crashCopy(dir);
    try (Stream<Path> files = Files.list(crashed)) {
      List<Path> snapshots = files.filter(f -> f.toString().endsWith(".snapshot")).toList();
      assertThat(snapshots).isNotEmpty();
      if (!keepRollSnapshots) {
        for (Path snapshot : snapshots) {
          Files.delete(snapshot);
        }
      }
    }
    PartitionLog recovered = open(crashed);
    // Then retries of the last five batches are still recognised, with their offsets
    for (int i = 2; i < 7; i++) {
      assertThat(append(recovered, batch(i * 2, 2)).firstOffset()).isEqualTo(i * 2L);
    }
    // And a retry of an older one or a gap is rejected, and the next batch appended
    assertThatThrownBy(() -> append(recovered, batch(2, 2)))
        .isInstanceOf(OutOfOrderSequenceException.class);
    assertThatThrownBy(() -> append(recovered, batch(15, 1)))
        .isInstanceOf(OutOfOrderSequenceException.class);
    assertThat(append(recovered, batch(14, 1)).firstOffset()).isEqualTo(14);
    assertThat(values(recovered)).hasSize(15);
  }

  @Test
  void aCrashAfterAnEarlierCleanCloseUsesTheSnapshotAndTheLogAfterIt() throws IOException {
    // Given a batch appended before a clean close (which writes a snapshot)
    Path dir = tmp.resolve("p");
    PartitionLog beforeClose = open(dir);
    append(beforeClose, batch(0, 2));
    beforeClose.close();
    opened.remove(beforeClose);
    assertThat(Files.exists(dir.resolve(String.format("%020d.snapshot", 2)))).isTrue();
    // And a second batch appended afterwards, then a crash
    PartitionLog reopened = open(dir);
    append(reopened, batch(2, 2));
    PartitionLog recovered = open(crashCopy(dir));
    // Then both batches are recognised when retried
    assertThat(append(recovered, batch(0, 2)).firstOffset()).isZero();
    assertThat(append(recovered, batch(2, 2)).firstOffset()).isEqualTo(2);
    assertThat(recovered.logEndOffset()).isEqualTo(4);
  }

  @Test
  void aCleanRestartKeepsTheProducerState() throws IOException {
    // Given batches appended and a clean close
    Path dir = tmp.resolve("p");
    PartitionLog log = open(dir);
    append(log, batch(0, 2));
    append(log, batch(2, 2));
    log.close();
    opened.remove(log);
    // When reopened
    PartitionLog reopened = open(dir);
    // Then a retry is a duplicate and the sequence continues
    assertThat(append(reopened, batch(2, 2)).firstOffset()).isEqualTo(2);
    assertThat(append(reopened, batch(4, 1)).firstOffset()).isEqualTo(4);
    assertThat(values(reopened)).hasSize(5);
  }
}
