package io.tributary.broker.internal.producer;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.RecordBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer state of one partition: per producer id, its epoch and last appended batches (see
 * {@link ProducerStateEntry}), which is what lets the partition recognise retried batches of
 * idempotent producers and reject out-of-order or fenced ones (see {@link ProducerAppend}).
 *
 * <p>Lifecycle: {@link #load} rebuilds the state when the partition's log opens: from the newest
 * usable {@link ProducerStateSnapshot} (written by {@link #writeSnapshot} when the log rolls a
 * segment and on clean close, each time after the log was flushed) plus the batch headers the log
 * holds after it, or from the whole log when there is none. Only batch headers are read.
 *
 * <p>Crash behaviour: nothing but the log is needed to rebuild the state; a snapshot only shortens
 * the scan. After a crash the newest snapshot is from the last roll or clean close and the log
 * after it is scanned; a snapshot past the end of the (recovered, possibly truncated) log or one
 * that fails its checks is deleted and an older one or the whole log is used instead. Writing a new
 * snapshot deletes the older ones.
 *
 * <p>Retention and compaction (Kafka's semantics): a producer stays in the state until it expires
 * (producer.id.expiration.ms), even when retention or DeleteRecords has deleted every batch it
 * wrote; across restarts it is carried by the snapshots. A snapshot is only used when the log still
 * holds every batch from its offset on, i.e. when it is at or after the first segment's base
 * offset: one below that (possible when a snapshot write at a roll failed and retention then
 * deleted segments after the older snapshot) would miss the batches of the deleted segments and
 * give producers stale sequences, so it is deleted and the state is rebuilt from the log alone;
 * producers whose batches are all gone are then unknown, and accepted at any sequence, as Kafka
 * treats them. A snapshot between the first segment and the log start offset (DeleteRecords inside
 * a segment) is used, and the batches below the log start offset that are still on disk are
 * scanned: this keeps more than Kafka, which drops snapshots at or below the log start offset on
 * restart, and never less than the state the broker had before. The cleaner keeps the last batch of
 * every producer in the state (emptied if need be, see {@link #lastBatchOffsets}), so the scan
 * finds every live producer's last sequence and epoch; a retained empty batch (no records) carries
 * them in its header and is replayed like any other.
 *
 * <p>Thread-safety: not thread-safe; the owning partition log calls it under its append lock.
 *
 * <p>Producers that have not appended for a while are dropped by {@link #removeExpired}, which the
 * broker calls periodically. Not done yet: transactions.
 */
public final class ProducerStateManager {
  private static final Logger LOGGER = LoggerFactory.getLogger(ProducerStateManager.class);

  private final TopicPartition topicPartition;
  private final Path dir;
  private final Map<Long, ProducerStateEntry> producers = new HashMap<>();

  private ProducerStateManager(TopicPartition topicPartition, Path dir) {
    this.topicPartition = requireNonNull(topicPartition, "topicPartition is null");
    this.dir = requireNonNull(dir, "dir is null");
  }

  /**
   * Rebuilds the state of the partition whose log lives in {@code dir} and ends at {@code
   * logEndOffset}.
   *
   * @param firstOffset the base offset of the log's first segment: the log holds every batch
   *     appended from there on (less what the cleaner removed); snapshots below it are not used
   * @param batchesFrom the log's batches (headers suffice) whose last offset is at or after the
   *     given offset, in offset order, ending at the log end
   * @param nowMs the broker's clock: producers found in the log count as having appended now, so a
   *     restart never expires them early
   */
  public static ProducerStateManager load(
      TopicPartition topicPartition,
      Path dir,
      long firstOffset,
      long logEndOffset,
      LongFunction<Iterable<? extends RecordBatch>> batchesFrom,
      long nowMs)
      throws IOException {
    ProducerStateManager manager = new ProducerStateManager(topicPartition, dir);
    long scanFrom = manager.loadNewestSnapshot(firstOffset, logEndOffset);
    long scanned = 0;
    for (RecordBatch batch : batchesFrom.apply(scanFrom)) {
      if (batch.baseOffset() >= scanFrom) {
        manager.replay(batch, nowMs);
        scanned++;
      }
    }
    LOGGER.debug(
        "Loaded the state of {} producers of {} (snapshot at offset {}, {} batches scanned)",
        manager.producers.size(),
        topicPartition,
        scanFrom,
        scanned);
    return manager;
  }

  /** Loads the newest usable snapshot; returns the offset to scan the log from. */
  private long loadNewestSnapshot(long firstOffset, long logEndOffset) throws IOException {
    for (Path file : snapshotFiles()) {
      long offset = ProducerStateSnapshot.offsetOf(file);
      if (offset > logEndOffset) {
        LOGGER.warn(
            "Deleting producer state snapshot {}: it is past the log end offset {} of {}",
            file,
            logEndOffset,
            topicPartition);
        Files.deleteIfExists(file);
        continue;
      }
      if (offset < firstOffset) {
        LOGGER.warn(
            "Deleting producer state snapshot {}: the segments after it, up to offset {} of {},"
                + " were deleted, so it would give stale producer state; rebuilding from the log",
            file,
            firstOffset,
            topicPartition);
        Files.deleteIfExists(file);
        continue;
      }
      try {
        for (ProducerStateEntry entry : ProducerStateSnapshot.read(file, offset)) {
          producers.put(entry.producerId(), entry);
        }
        return offset;
      } catch (IOException e) {
        LOGGER.warn(
            "Deleting unusable producer state snapshot of {}; rebuilding from the log: {}",
            topicPartition,
            e.toString());
        producers.clear();
        Files.deleteIfExists(file);
      }
    }
    return 0L;
  }

  /**
   * Snapshot files in the directory, newest first. Temporary files a crash left mid-write are
   * deleted.
   */
  private List<Path> snapshotFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    List<Path> unfinished = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : (Iterable<Path>) list::iterator) {
        if (ProducerStateSnapshot.offsetOf(file) >= 0) {
          files.add(file);
        } else if (file.getFileName().toString().endsWith(ProducerStateSnapshot.SUFFIX + ".tmp")) {
          unfinished.add(file);
        }
      }
    }
    for (Path file : unfinished) {
      Files.deleteIfExists(file);
    }
    files.sort(Comparator.comparingLong(ProducerStateSnapshot::offsetOf).reversed());
    return files;
  }

  /** Applies a batch read from the log, without validation (it was validated when appended). */
  private void replay(RecordBatch batch, long nowMs) {
    if (!batch.hasProducerId() || batch.isControlBatch()) {
      return;
    }
    long producerId = batch.producerId();
    ProducerStateEntry entry = producers.get(producerId);
    if (entry == null) {
      entry = ProducerStateEntry.initial(producerId, batch.producerEpoch());
    }
    producers.put(
        producerId, entry.withBatch(batch.producerEpoch(), BatchMetadata.of(batch), nowMs));
  }

  /** Starts the producer-state side of one append made at {@code nowMs} (broker clock). */
  public ProducerAppend prepareAppend(long nowMs) {
    return new ProducerAppend(topicPartition, this, nowMs);
  }

  /**
   * Forgets producers that have not appended for {@code expirationMs} (Kafka's {@code
   * producer.id.expiration.ms}); a forgotten producer is treated as unknown if it comes back.
   *
   * @return how many were removed
   */
  public int removeExpired(long nowMs, long expirationMs) {
    int before = producers.size();
    producers.values().removeIf(entry -> nowMs - entry.lastAppendMs() >= expirationMs);
    int removed = before - producers.size();
    if (removed > 0) {
      LOGGER.debug("Expired {} producers of {}", removed, topicPartition);
    }
    return removed;
  }

  /** The state of one producer, if this partition has any. */
  public Optional<ProducerStateEntry> entry(long producerId) {
    return Optional.ofNullable(producers.get(producerId));
  }

  /**
   * The last offset of each producer's last appended batch, by producer id: the batches the cleaner
   * must keep (emptied if need be) so that rebuilding the state from the log finds every producer's
   * last sequence and epoch. Producers without a remembered batch are left out.
   */
  public Map<Long, Long> lastBatchOffsets() {
    Map<Long, Long> offsets = new HashMap<>();
    for (ProducerStateEntry entry : producers.values()) {
      List<BatchMetadata> batches = entry.batches();
      if (!batches.isEmpty()) {
        offsets.put(entry.producerId(), batches.get(batches.size() - 1).lastOffset());
      }
    }
    return offsets;
  }

  /** The state of every producer. */
  public Collection<ProducerStateEntry> entries() {
    return List.copyOf(producers.values());
  }

  void update(Collection<ProducerStateEntry> entries) {
    for (ProducerStateEntry entry : entries) {
      producers.put(entry.producerId(), entry);
    }
  }

  /**
   * Writes the state as of {@code logEndOffset} (everything up to it must be flushed to the log
   * first) and deletes older snapshots.
   */
  public void writeSnapshot(long logEndOffset) throws IOException {
    Path file = ProducerStateSnapshot.file(dir, logEndOffset);
    ProducerStateSnapshot.write(file, logEndOffset, producers.values());
    for (Path older : snapshotFiles()) {
      if (ProducerStateSnapshot.offsetOf(older) < logEndOffset) {
        Files.deleteIfExists(older);
      }
    }
    LOGGER.debug(
        "Wrote the state of {} producers of {} at offset {}",
        producers.size(),
        topicPartition,
        logEndOffset);
  }
}
