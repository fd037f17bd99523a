package io.tributary.broker.internal.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.utils.BufferSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerStateManagerTest {
  private static final TopicPartition TP = new TopicPartition("t", 0);
  private static final long PID = 1000L;
  private static final short EPOCH = 0;

  @TempDir Path dir;

  /** A stand-in for the partition's log: the batches appended so far. */
  private final List<RecordBatch> log = new ArrayList<>();

  private long nextOffset;
  private long nowMs = 1_000_000L;
  private ProducerStateManager state;

  @BeforeEach
  void open() throws IOException {
    state = ProducerStateManager.load(TP, dir, 0, 0, from -> List.of(), nowMs);
  }

  /** A batch of {@code count} records as a client sends it (offsets not yet assigned). */
  private static MutableRecordBatch batch(long pid, short epoch, int baseSequence, int count) {
    return batch(pid, epoch, baseSequence, count, false);
  }

  private static MutableRecordBatch batch(
      long pid, short epoch, int baseSequence, int count, boolean transactional) {
    SimpleRecord[] records = new SimpleRecord[count];
    for (int i = 0; i < count; i++) {
      records[i] = new SimpleRecord(100L + i, ("v" + i).getBytes());
    }
    MemoryRecords memory =
        transactional
            ? MemoryRecords.withTransactionalRecords(
                Compression.NONE, pid, epoch, baseSequence, records)
            : MemoryRecords.withIdempotentRecords(
                Compression.NONE, pid, epoch, baseSequence, records);
    return memory.batches().iterator().next();
  }

  /** Appends as PartitionLog does; returns the original batch when this one is a retry. */
  private Optional<BatchMetadata> append(MutableRecordBatch batch) {
    ProducerAppend append = state.prepareAppend(nowMs);
    Optional<BatchMetadata> duplicate = append.check(batch);
    if (duplicate.isPresent()) {
      return duplicate;
    }
    long delta = batch.lastOffset() - batch.baseOffset();
    batch.setLastOffset(nextOffset + delta);
    append.append(batch);
    append.commit();
    log.add(batch);
    nextOffset += delta + 1;
    return Optional.empty();
  }

  @Test
  void aRetryOfEachOfTheLastFiveBatchesIsADuplicateWithItsOriginalOffsets() {
    // Given six batches of three records appended in sequence
    for (int i = 0; i < 6; i++) {
      assertThat(append(batch(PID, EPOCH, i * 3, 3))).isEmpty();
    }
    // When each of the last five is sent again, then it is recognised with its offsets
    for (int i = 1; i < 6; i++) {
      Optional<BatchMetadata> duplicate = append(batch(PID, EPOCH, i * 3, 3));
      assertThat(duplicate).isPresent();
      assertThat(duplicate.get().firstOffset()).isEqualTo(i * 3L);
      assertThat(duplicate.get().lastOffset()).isEqualTo(i * 3L + 2);
      assertThat(duplicate.get().firstSequence()).isEqualTo(i * 3);
    }
    assertThat(nextOffset).isEqualTo(18);
    // And the sixth-newest is no longer remembered: out of order
    assertThatThrownBy(() -> append(batch(PID, EPOCH, 0, 3)))
        .isInstanceOf(OutOfOrderSequenceException.class);
  }

  @Test
  void aBatchOverlappingAnAppendedOneWithOtherBoundsIsOutOfOrder() {
    // Given a batch with sequences 0..4
    append(batch(PID, EPOCH, 0, 5));
    // When a batch 0..2 comes, then it is not a duplicate (different range) but out of order
    assertThatThrownBy(() -> append(batch(PID, EPOCH, 0, 3)))
        .isInstanceOf(OutOfOrderSequenceException.class);
  }

  @Test
  void aSequenceGapIsRejectedAndLeavesTheStateUnchanged() {
    // Given a batch with sequences 0..2
    append(batch(PID, EPOCH, 0, 3));
    // When the next batch starts at 4, then it is rejected
    assertThatThrownBy(() -> append(batch(PID, EPOCH, 4, 1)))
        .isInstanceOf(OutOfOrderSequenceException.class)
        .hasMessageContaining("got 4, expected 3");
    // And the batch starting at 3 is still accepted
    assertThat(append(batch(PID, EPOCH, 3, 1))).isEmpty();
    assertThat(state.entry(PID).orElseThrow().lastSequence()).isEqualTo(3);
  }

  @Test
  void anOlderEpochIsFenced() {
    // Given a producer at epoch 2
    append(batch(PID, (short) 2, 0, 1));
    // When a batch of epoch 1 arrives (even a retry of an old sequence), then it is fenced
    assertThatThrownBy(() -> append(batch(PID, (short) 1, 0, 1)))
        .isInstanceOf(InvalidProducerEpochException.class);
    assertThatThrownBy(() -> append(batch(PID, (short) 1, 1, 1)))
        .isInstanceOf(InvalidProducerEpochException.class);
  }

  @Test
  void aNewEpochMustStartAtSequenceZeroAndForgetsTheOldBatches() {
    // Given a producer at epoch 0 with sequences 0..5
    append(batch(PID, EPOCH, 0, 3));
    append(batch(PID, EPOCH, 3, 3));
    // When epoch 1 begins at sequence 6, then it is out of order
    assertThatThrownBy(() -> append(batch(PID, (short) 1, 6, 1)))
        .isInstanceOf(OutOfOrderSequenceException.class)
        .hasMessageContaining("must start at sequence 0");
    // And at sequence 0 it is appended, not taken for a retry of epoch 0's first batch
    assertThat(append(batch(PID, (short) 1, 0, 3))).isEmpty();
    assertThat(state.entry(PID).orElseThrow().epoch()).isEqualTo((short) 1);
    assertThat(state.entry(PID).orElseThrow().batches()).hasSize(1);
    // And epoch 0 is now fenced
    assertThatThrownBy(() -> append(batch(PID, EPOCH, 6, 1)))
        .isInstanceOf(InvalidProducerEpochException.class);
  }

  @Test
  void anUnknownProducerIsAcceptedAtAnySequenceAndContinuesFromThere() {
    // When a producer this partition has no state for starts at sequence 42
    assertThat(append(batch(PID, (short) 3, 42, 2))).isEmpty();
    // Then its next batch must follow on from 43
    assertThatThrownBy(() -> append(batch(PID, (short) 3, 0, 1)))
        .isInstanceOf(OutOfOrderSequenceException.class);
    assertThat(append(batch(PID, (short) 3, 44, 1))).isEmpty();
  }

  @Test
  void sequencesWrapAroundAtIntegerMaxValue() {
    // Given a batch ending exactly at Integer.MAX_VALUE
    append(batch(PID, EPOCH, Integer.MAX_VALUE - 2, 3));
    // When the next batch starts at 0 and itself spans 0..1, then it is in sequence
    assertThat(append(batch(PID, EPOCH, 0, 2))).isEmpty();
    assertThat(append(batch(PID, EPOCH, 2, 1))).isEmpty();
    // And a batch crossing the wrap (another producer, first seen at MAX_VALUE - 1) is in
    // sequence with 1 and recognised when retried
    long other = PID + 1;
    MutableRecordBatch crossing = batch(other, EPOCH, Integer.MAX_VALUE - 1, 3);
    assertThat(crossing.lastSequence()).isEqualTo(0);
    assertThat(append(crossing)).isEmpty();
    assertThat(append(batch(other, EPOCH, Integer.MAX_VALUE - 1, 3))).isPresent();
    assertThatThrownBy(() -> append(batch(other, EPOCH, 2, 1)))
        .isInstanceOf(OutOfOrderSequenceException.class);
    assertThat(append(batch(other, EPOCH, 1, 1))).isEmpty();
  }

  @Test
  void transactionalBatchesAreRejectedUntilTransactionsAreSupported() {
    assertThatThrownBy(() -> append(batch(PID, EPOCH, 0, 1, true)))
        .isInstanceOf(InvalidTxnStateException.class)
        .hasMessageContaining("not supported yet");
    assertThat(state.entry(PID)).isEmpty();
  }

  @Test
  void aBatchWithAProducerIdButNoSequenceIsInvalid() {
    // Given a batch whose base sequence (header bytes 53..56) is -1; builders refuse to make one
    ByteBuffer buffer =
        MemoryRecords.withIdempotentRecords(
                Compression.NONE, PID, EPOCH, 0, new SimpleRecord("x".getBytes()))
            .buffer();
    buffer.putInt(53, RecordBatch.NO_SEQUENCE);
    MutableRecordBatch batch = MemoryRecords.readableRecords(buffer).batches().iterator().next();
    assertThat(batch.baseSequence()).isEqualTo(RecordBatch.NO_SEQUENCE);
    // Then it is rejected as an invalid record
    assertThatThrownBy(() -> append(batch)).isInstanceOf(InvalidRecordException.class);
  }

  @Test
  void batchesWithoutProducerIdLeaveNoState() {
    MutableRecordBatch plain =
        MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("x".getBytes()))
            .batches()
            .iterator()
            .next();
    assertThat(append(plain)).isEmpty();
    assertThat(state.entries()).isEmpty();
  }

  @Test
  void severalBatchesOfOneAppendAreCheckedAgainstEachOtherAndOnlyCommittedTogether() {
    // Given one append holding two consecutive batches of the same producer
    ProducerAppend append = state.prepareAppend(nowMs);
    MutableRecordBatch first = batch(PID, EPOCH, 0, 2);
    MutableRecordBatch second = batch(PID, EPOCH, 2, 2);
    assertThat(append.check(first)).isEmpty();
    first.setLastOffset(1);
    append.append(first);
    assertThat(append.check(second)).isEmpty();
    // And a gap after them is seen within the same append
    assertThatThrownBy(() -> append.check(batch(PID, EPOCH, 5, 1)))
        .isInstanceOf(OutOfOrderSequenceException.class);
    // When the append is abandoned (not committed), then nothing is remembered
    assertThat(state.entry(PID)).isEmpty();
  }

  @Test
  void theStateIsRebuiltFromTheBatchesOfTheLog() throws IOException {
    // Given two producers' batches in the log
    long other = 7L;
    for (int i = 0; i < 7; i++) {
      append(batch(PID, EPOCH, i * 2, 2));
      append(batch(other, (short) 4, i, 1));
    }
    // When the state is rebuilt from the log alone
    state = ProducerStateManager.load(TP, dir, 0, nextOffset, from -> List.copyOf(log), nowMs);
    // Then retries of the last five batches are recognised with their offsets
    Optional<BatchMetadata> duplicate = append(batch(PID, EPOCH, 12, 2));
    assertThat(duplicate).isPresent();
    assertThat(duplicate.get().firstOffset()).isEqualTo(18);
    assertThat(append(batch(other, (short) 4, 2, 1))).isPresent();
    assertThatThrownBy(() -> append(batch(other, (short) 4, 1, 1)))
        .isInstanceOf(OutOfOrderSequenceException.class);
    // And the producers continue in sequence
    assertThat(append(batch(PID, EPOCH, 14, 1))).isEmpty();
    assertThat(append(batch(other, (short) 4, 7, 1))).isEmpty();
  }

  @Test
  void aSnapshotPlusTheLogAfterItGivesTheSameStateAsTheWholeLog() throws IOException {
    // Given a snapshot written at offset 6 and more batches appended after it
    for (int i = 0; i < 3; i++) {
      append(batch(PID, EPOCH, i * 2, 2));
    }
    state.writeSnapshot(nextOffset);
    long snapshotOffset = nextOffset;
    for (int i = 3; i < 5; i++) {
      append(batch(PID, EPOCH, i * 2, 2));
    }
    append(batch(9L, EPOCH, 0, 1));
    // When the state is loaded, scanning only the batches after the snapshot
    List<Long> scannedFrom = new ArrayList<>();
    state =
        ProducerStateManager.load(
            TP,
            dir,
            0,
            nextOffset,
            from -> {
              scannedFrom.add(from);
              return log.stream().filter(b -> b.lastOffset() >= from).toList();
            },
            nowMs);
    // Then it started at the snapshot and knows batches from both sides of it
    assertThat(scannedFrom).containsExactly(snapshotOffset);
    assertThat(append(batch(PID, EPOCH, 0, 2))).hasValueSatisfying(b -> assertFirst(b, 0));
    assertThat(append(batch(PID, EPOCH, 8, 2))).hasValueSatisfying(b -> assertFirst(b, 8));
    assertThat(append(batch(9L, EPOCH, 0, 1))).hasValueSatisfying(b -> assertFirst(b, 10));
  }

  private static void assertFirst(BatchMetadata batch, long firstOffset) {
    assertThat(batch.firstOffset()).isEqualTo(firstOffset);
  }

  @Test
  void aSnapshotPastTheLogEndIsDeletedAndTheLogIsScannedWhole() throws IOException {
    // Given a snapshot at offset 4 but a log that (after truncation) ends at 2
    append(batch(PID, EPOCH, 0, 2));
    append(batch(PID, EPOCH, 2, 2));
    state.writeSnapshot(4);
    List<RecordBatch> truncated = List.of(log.get(0));
    // When the state is loaded
    state = ProducerStateManager.load(TP, dir, 0, 2, from -> truncated, nowMs);
    // Then only the batch still in the log is known and the stale snapshot is gone
    assertThat(state.entry(PID).orElseThrow().lastSequence()).isEqualTo(1);
    assertThat(Files.exists(ProducerStateSnapshot.file(dir, 4))).isFalse();
  }

  @Test
  void aCorruptSnapshotIsIgnoredAndTheStateRebuiltFromTheLog() throws IOException {
    // Given a snapshot with a flipped byte
    append(batch(PID, EPOCH, 0, 2));
    append(batch(PID, EPOCH, 2, 3));
    state.writeSnapshot(nextOffset);
    Path file = ProducerStateSnapshot.file(dir, nextOffset);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 3] ^= 0x5a;
    Files.write(file, bytes);
    // When the state is loaded
    state = ProducerStateManager.load(TP, dir, 0, nextOffset, from -> List.copyOf(log), nowMs);
    // Then it was rebuilt from the log
    assertThat(append(batch(PID, EPOCH, 2, 3))).hasValueSatisfying(b -> assertFirst(b, 2));
    assertThat(Files.exists(file)).isFalse();
  }

  @Test
  void aSnapshotRoundTripsEveryField() throws IOException {
    ProducerStateEntry entry =
        new ProducerStateEntry(
            5L,
            (short) 7,
            List.of(new BatchMetadata(Integer.MAX_VALUE, 3, 10, 14, 123L)),
            123L,
            -1,
            -1L);
    Path file = ProducerStateSnapshot.file(dir, 15);
    ProducerStateSnapshot.write(file, 15, List.of(entry, ProducerStateEntry.initial(6L, EPOCH)));
    assertThat(ProducerStateSnapshot.read(file, 15))
        .containsExactly(entry, ProducerStateEntry.initial(6L, EPOCH));
  }

  @Test
  void producersIdleForTheExpirationTimeAreForgottenAndThenAcceptedAsNew() {
    // Given two producers, one of which appended a minute later
    append(batch(PID, EPOCH, 0, 2));
    nowMs += 60_000;
    append(batch(PID + 1, EPOCH, 0, 2));
    // When producers idle for at least 90 s are expired 100 s after the first append
    nowMs += 40_000;
    assertThat(state.removeExpired(nowMs, 90_000)).isEqualTo(1);
    // Then the first is forgotten: its next batch is accepted at any sequence
    assertThat(state.entry(PID)).isEmpty();
    assertThat(state.entry(PID + 1)).isPresent();
    assertThat(append(batch(PID, EPOCH, 7, 1))).isEmpty();
  }

  /**
   * The log as the cleaner leaves it: every batch rewritten through kafka's filterTo, keeping only
   * the records {@code keep} accepts; a batch whose last offset is in {@code retainEmpty} stays
   * even when no record is left.
   */
  private List<RecordBatch> cleaned(Predicate<Record> keep, Set<Long> retainEmpty) {
    ByteBuffer input = ByteBuffer.allocate(log.stream().mapToInt(RecordBatch::sizeInBytes).sum());
    for (RecordBatch batch : log) {
      ((MutableRecordBatch) batch).writeTo(input);
    }
    input.flip();
    MemoryRecords.FilterResult result =
        MemoryRecords.readableRecords(input)
            .filterTo(
                TP,
                new MemoryRecords.RecordFilter(nowMs, 0) {
                  @Override
                  protected BatchRetentionResult checkBatchRetention(RecordBatch batch) {
                    return new BatchRetentionResult(
                        retainEmpty.contains(batch.lastOffset())
                            ? BatchRetention.RETAIN_EMPTY
                            : BatchRetention.DELETE_EMPTY,
                        false);
                  }

                  @Override
                  protected boolean shouldRetainRecord(RecordBatch batch, Record record) {
                    return keep.test(record);
                  }
                },
                ByteBuffer.allocate(input.remaining()),
                Integer.MAX_VALUE,
                BufferSupplier.NO_CACHING);
    ByteBuffer output = result.outputBuffer();
    output.flip();
    List<RecordBatch> batches = new ArrayList<>();
    MemoryRecords.readableRecords(output).batches().forEach(batches::add);
    return batches;
  }

  @Test
  void emptyAndPartlyEmptiedBatchesLeftByTheCleanerRebuildTheProducersState() throws IOException {
    // Given producers whose batches are at offsets 0..2, 3..5 (epoch 2) and 6..8 (epoch 3)
    long other = 7L;
    append(batch(PID, (short) 2, 0, 3));
    append(batch(PID, (short) 2, 3, 3));
    append(batch(other, (short) 3, 0, 3));
    // When the cleaner removed every record of PID and the first record of the other producer,
    // keeping each producer's last batch (PID's as a header without records)
    List<RecordBatch> afterCleaning = cleaned(record -> record.offset() > 6, Set.of(5L, 8L));
    assertThat(afterCleaning).hasSize(2);
    assertThat(afterCleaning.get(0).countOrNull()).isZero();
    assertThat(afterCleaning.get(1).countOrNull()).isEqualTo(2);
    // And the state is rebuilt from that log alone
    state = ProducerStateManager.load(TP, dir, 0, nextOffset, from -> afterCleaning, nowMs);
    // Then both producers' epochs, last sequences and last batches are known
    ProducerStateEntry entry = state.entry(PID).orElseThrow();
    assertThat(entry.epoch()).isEqualTo((short) 2);
    assertThat(entry.batches()).containsExactly(new BatchMetadata(3, 5, 3, 5, 102L));
    assertThat(state.entry(other).orElseThrow().batches())
        .containsExactly(new BatchMetadata(0, 2, 6, 8, 102L));
    // And a retry of each last batch is a duplicate answered with its original offsets
    assertThat(append(batch(PID, (short) 2, 3, 3))).hasValueSatisfying(b -> assertFirst(b, 3));
    assertThat(append(batch(other, (short) 3, 0, 3))).hasValueSatisfying(b -> assertFirst(b, 6));
    // And an older epoch is fenced, a gap refused, and the next sequence accepted
    assertThatThrownBy(() -> append(batch(PID, (short) 1, 6, 1)))
        .isInstanceOf(InvalidProducerEpochException.class);
    assertThatThrownBy(() -> append(batch(PID, (short) 2, 7, 1)))
        .isInstanceOf(OutOfOrderSequenceException.class);
    assertThat(append(batch(PID, (short) 2, 6, 1))).isEmpty();
  }
}
