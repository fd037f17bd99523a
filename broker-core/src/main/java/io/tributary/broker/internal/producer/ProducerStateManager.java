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
   * @param batchesFrom the log's batches (headers suffice) whose last offset is at or after the
   *     given offset, in offset order, ending at the log end
   * @param nowMs the broker's clock: producers found in the log count as having appended now, so a
   *     restart never expires them early
   */
  public static ProducerStateManager load(
      TopicPartition topicPartition,
      Path dir,
      long logEndOffset,
      LongFunction<Iterable<? extends RecordBatch>> batchesFrom,
      long nowMs)
      throws IOException {
    ProducerStateManager manager = new ProducerStateManager(topicPartition, dir);
    long scanFrom = manager.loadNewestSnapshot(logEndOffset);
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
  private long loadNewestSnapshot(long logEndOffset) throws IOException {
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
