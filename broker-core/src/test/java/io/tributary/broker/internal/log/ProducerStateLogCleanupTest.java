package io.tributary.broker.internal.log;

import static io.tributary.broker.internal.log.LogTestSupport.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Producer state of idempotent producers against what compaction and retention remove from the log:
 * the cleaner keeps each live producer's last batch, and state carried by snapshots survives the
 * deletion of the batches it came from, as in Kafka.
 */
class ProducerStateLogCleanupTest {
  private static final TopicPartition TP = new TopicPartition("pscleanup", 0);
  private static final long T0 = 1_700_000_000_000L;
  private static final long SEGMENT_MS = 1000;
  private static final short EPOCH = 0;

  @TempDir Path tmp;
  private final MutableClock clock = new MutableClock(T0);
  private final List<PartitionLog> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws IOException {
    for (PartitionLog log : opened) {
      log.close();
    }
  }

  private PartitionLog open(Path dir, Map<String, String> overrides, boolean cleanShutdown)
      throws IOException {
    PartitionLog log = PartitionLog.open(TP, dir, config(overrides), clock, cleanShutdown);
    opened.add(log);
    return log;
  }

  private static Map<String, String> compacted() {
    return Map.of(
        "cleanup.policy", "compact",
        "segment.ms", Long.toString(SEGMENT_MS),
        "min.cleanable.dirty.ratio", "0.01");
  }

  private static Map<String, String> deleted() {
    return Map.of("segment.ms", Long.toString(SEGMENT_MS));
  }

  /** One idempotent batch as the producer (re)sends it, one record per key/value pair. */
  private MemoryRecords idempotent(long pid, int baseSequence, String... keyValues) {
    SimpleRecord[] records = new SimpleRecord[keyValues.length / 2];
    for (int i = 0; i < records.length; i++) {
      records[i] =
          new SimpleRecord(
              T0,
              keyValues[2 * i].getBytes(StandardCharsets.UTF_8),
              keyValues[2 * i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return MemoryRecords.withIdempotentRecords(Compression.NONE, pid, EPOCH, baseSequence, records);
  }

  private static LogAppendResult append(PartitionLog log, MemoryRecords records) {
    return log.append(records, TimestampType.CREATE_TIME);
  }

  /** Rolls the active segment through segment.ms, as the retention task does. */
  private void roll(PartitionLog log) throws IOException {
    clock.advance(SEGMENT_MS);
    log.enforceRetention();
  }

  /** The batches stored in the log's segments (headers; empty batches included). */
  private static List<RecordBatch> storedBatches(PartitionLog log) {
    List<RecordBatch> batches = new ArrayList<>();
    for (LogSegment segment : log.segments()) {
      segment.records().batches().forEach(batches::add);
    }
    return batches;
  }

  /** What a crash leaves: the files as they are, without the close (and its snapshot). */
  private Path crashCopy(Path dir, boolean withSnapshots) throws IOException {
    Path copy = Files.createTempDirectory(tmp, "crashed-");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (withSnapshots || !file.toString().endsWith(".snapshot")) {
          Files.copy(file, copy.resolve(file.getFileName()));
        }
      }
    }
    return copy;
  }

  private static List<Path> snapshots(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".snapshot")).toList();
    }
  }

  @Test
  void theCleanerKeepsTheLastBatchOfEachLiveProducerSoItsRetryIsADuplicateAfterARestart()
      throws IOException {
    long live = 42L;
    long expired = 43L;
    Path dir = tmp.resolve("compacted");
    PartitionLog log = open(dir, compacted(), false);
    // Given a producer that wrote one batch long ago and has since expired
    append(log, idempotent(expired, 0, "k0", "old"));
    clock.advance(10);
    log.removeExpiredProducers(5);
    // And a live producer that wrote many updates of few keys, one batch each
    for (int seq = 0; seq < 20; seq++) {
      append(log, idempotent(live, seq, "k" + seq % 3, "v" + seq));
    }
    long lastOffset = log.logEndOffset() - 1;
    // And later writes of every key by a plain producer, so that all those records are obsolete
    for (int i = 0; i < 3; i++) {
      append(log, LogTestSupport.batch(T0, "k" + i, "plain-" + i));
    }
    roll(log);
    long endOffset = log.logEndOffset();
    // When the cleaner runs
    assertThat(new LogCleaner(() -> List.of(log), 1000).cleanOnce()).isTrue();
    // Then the live producer's last batch is still there, as a header without records,
    // and nothing else of either producer is
    List<RecordBatch> kept =
        storedBatches(log).stream().filter(RecordBatch::hasProducerId).toList();
    assertThat(kept).hasSize(1);
    RecordBatch retained = kept.get(0);
    assertThat(retained.producerId()).isEqualTo(live);
    assertThat(retained.countOrNull()).isZero();
    assertThat(retained.baseOffset()).isEqualTo(lastOffset);
    assertThat(retained.lastOffset()).isEqualTo(lastOffset);
    assertThat(retained.baseSequence()).isEqualTo(19);
    assertThat(retained.lastSequence()).isEqualTo(19);
    assertThat(retained.producerEpoch()).isEqualTo(EPOCH);
    assertThat(LogTestSupport.readAll(log, 0))
        .extracting(LogTestSupport.Read::value)
        .containsExactly("plain-0", "plain-1", "plain-2");
    // When the broker restarts without a usable snapshot
    log.close();
    opened.remove(log);
    for (Path snapshot : snapshots(dir)) {
      Files.delete(snapshot);
    }
    PartitionLog restarted = open(dir, compacted(), true);
    // Then a retry of the producer's last batch is answered with its original offset
    LogAppendResult retry = append(restarted, idempotent(live, 19, "k1", "v19"));
    assertThat(retry.firstOffset()).isEqualTo(lastOffset);
    assertThat(retry.lastOffset()).isEqualTo(lastOffset);
    assertThat(restarted.logEndOffset()).isEqualTo(endOffset);
    // And its sequence goes on where it was, and a gap is still refused
    assertThatThrownBy(() -> append(restarted, idempotent(live, 21, "k0", "gap")))
        .isInstanceOf(OutOfOrderSequenceException.class);
    assertThat(append(restarted, idempotent(live, 20, "k0", "next")).firstOffset())
        .isEqualTo(endOffset);
  }

  /** The producer's batch with sequences 2..3, as first sent and as retried. */
  private MemoryRecords lastOfProducer(long producer) {
    return idempotent(producer, 2, "a", "2", "a", "3");
  }

  @Test
  void theStateOfAProducerWhoseBatchesRetentionDeletedSurvivesRestartsThroughTheSnapshots()
      throws IOException {
    long producer = 42L;
    long other = 43L;
    Path dir = tmp.resolve("deleted");
    PartitionLog log = open(dir, deleted(), false);
    // Given a producer whose batches are all in the first segment (offsets 0..3)
    append(log, idempotent(producer, 0, "a", "0", "a", "1"));
    append(log, lastOfProducer(producer));
    roll(log);
    // And another producer's batches in the next two segments (offsets 4 and 5)
    append(log, idempotent(other, 0, "b", "0"));
    roll(log);
    append(log, idempotent(other, 1, "b", "1"));
    // When DeleteRecords removes the segments below offset 5
    assertThat(log.deleteRecordsBefore(5)).isEqualTo(5);
    assertThat(log.segments().get(0).baseOffset()).isEqualTo(5);
    // Then the producer's state is kept, as Kafka keeps it until producer.id.expiration.ms,
    // after a crash (from the snapshot of the last roll) ...
    PartitionLog crashed = open(crashCopy(dir, true), deleted(), false);
    assertThat(append(crashed, lastOfProducer(producer)).firstOffset()).isEqualTo(2);
    assertThatThrownBy(() -> append(crashed, idempotent(producer, 5, "a", "gap")))
        .isInstanceOf(OutOfOrderSequenceException.class);
    assertThat(append(crashed, idempotent(producer, 4, "a", "4")).firstOffset()).isEqualTo(6);
    // ... and after a clean restart
    log.close();
    opened.remove(log);
    PartitionLog restarted = open(dir, deleted(), true);
    assertThat(append(restarted, lastOfProducer(producer)).firstOffset()).isEqualTo(2);
    assertThat(restarted.logEndOffset()).isEqualTo(6);
    // And when DeleteRecords moves the log start past batches of the active segment, the state
    // rebuilt after a crash still has them: the newest snapshot (from the clean close, at offset 6,
    // now below the log start) is used and the batches still on disk after it are read
    assertThat(append(restarted, idempotent(producer, 4, "a", "4", "a", "5")).firstOffset())
        .isEqualTo(6);
    assertThat(restarted.deleteRecordsBefore(-1)).isEqualTo(8);
    PartitionLog crashedAgain = open(crashCopy(dir, true), deleted(), false);
    assertThat(crashedAgain.logStartOffset()).isEqualTo(8);
    assertThat(append(crashedAgain, idempotent(producer, 4, "a", "4", "a", "5")).firstOffset())
        .isEqualTo(6);
    assertThat(append(crashedAgain, idempotent(producer, 6, "a", "6")).firstOffset()).isEqualTo(8);
  }

  @Test
  void aSnapshotOlderThanTheFirstSegmentIsNotUsedAndTheStateComesFromTheLog() throws IOException {
    long producer = 42L;
    long other = 43L;
    Path dir = tmp.resolve("stale");
    PartitionLog log = open(dir, deleted(), false);
    // Given a snapshot at offset 2 that knows the producer at sequence 1
    append(log, idempotent(producer, 0, "a", "0", "a", "1"));
    roll(log);
    assertThat(snapshots(dir))
        .extracting(p -> p.getFileName().toString())
        .containsExactly("00000000000000000002.snapshot");
    // And the producer's next batch (sequences 2..3) in the next segment, whose roll could not
    // write its snapshot (a directory is in the way of the snapshot's temporary file)
    append(log, idempotent(producer, 2, "a", "2", "a", "3"));
    Files.createDirectory(dir.resolve("00000000000000000004.snapshot.tmp"));
    roll(log);
    assertThat(snapshots(dir))
        .extracting(p -> p.getFileName().toString())
        .containsExactly("00000000000000000002.snapshot");
    append(log, idempotent(other, 0, "b", "0"));
    // And DeleteRecords then removed both segments after that snapshot
    log.deleteRecordsBefore(4);
    assertThat(log.segments().get(0).baseOffset()).isEqualTo(4);
    // When the broker restarts after a crash
    Path crashed = crashCopy(dir, true);
    PartitionLog recovered = open(crashed, deleted(), false);
    // Then the stale snapshot was not used (it would expect sequence 2 from the producer) but
    // deleted, and the producer, with no batch left in the log, is unknown: its next sequence is
    // accepted, as Kafka accepts an unknown producer's
    assertThat(append(recovered, idempotent(producer, 4, "a", "4")).firstOffset()).isEqualTo(5);
    assertThat(Files.exists(crashed.resolve("00000000000000000002.snapshot"))).isFalse();
    // And the other producer, known from the log, is still checked
    assertThat(append(recovered, idempotent(other, 0, "b", "0")).firstOffset()).isEqualTo(4);
    assertThatThrownBy(() -> append(recovered, idempotent(other, 3, "b", "3")))
        .isInstanceOf(OutOfOrderSequenceException.class);
  }
}
