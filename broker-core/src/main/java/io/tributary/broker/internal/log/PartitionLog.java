package io.tributary.broker.internal.log;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.producer.BatchMetadata;
import io.tributary.broker.internal.producer.ProducerAppend;
import io.tributary.broker.internal.producer.ProducerStateManager;
import io.tributary.common.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnsupportedForMessageFormatException;
import org.apache.kafka.common.record.FileRecords;
import org.apache.kafka.common.record.FileRecords.LogOffsetPosition;
import org.apache.kafka.common.record.FileRecords.TimestampAndOffset;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one topic partition: an ordered set of {@link LogSegment}s in one directory ({@code
 * <data>/<topic>-<partition>/}), the last of which takes appends.
 *
 * <p>The broker assigns offsets: each appended batch gets the next offsets, written into its header
 * (the part the CRC does not cover), and is stored as the producer sent it.
 *
 * <p>Files besides the segments: {@code log-start-offset.checkpoint} (the log start offset set by
 * DeleteRecords; the effective start is the larger of it and the first segment's base offset) and
 * {@code cleaner-offset.checkpoint} (for compacted logs, where the dirty part begins). Both hold
 * one decimal offset and are replaced atomically.
 *
 * <p>Durability: the flush policy (flush.messages, flush.ms) decides when appends are fsynced; with
 * flush.messages=1 every append is fsynced before {@link #append} returns. Opening recovers the log
 * (see {@link LogRecovery}).
 *
 * <p>Idempotent producers: each append is checked against the partition's {@link
 * ProducerStateManager} under the append lock; a retried batch is not appended again but answered
 * with its original offsets. The producer state is rebuilt on open, after recovery, from the newest
 * snapshot (written at each segment roll and on clean close) plus the batch headers after it. The
 * cleaner keeps each known producer's last batch, and retention leaves the state alone (producers
 * only go when they expire); see {@link ProducerStateManager} for what survives a restart.
 *
 * <p>Thread-safety: appends, rolls, retention, segment swaps and DeleteRecords are serialised by
 * this object's lock; reads take no lock and see everything up to the last completed append through
 * the volatile {@link LogEnd}. Segments removed by retention or cleaning stay open for {@link
 * #SEGMENT_CLOSE_DELAY_MS} so that reads in flight complete.
 */
public final class PartitionLog implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(PartitionLog.class);

  /** The one leader epoch this single-node broker ever has (Metadata announces the same). */
  public static final int LEADER_EPOCH = 0;

  /** How long a removed segment stays open for reads in flight before its file is deleted. */
  static final long SEGMENT_CLOSE_DELAY_MS = 60_000;

  static final String LOG_START_CHECKPOINT = "log-start-offset.checkpoint";
  static final String CLEANER_CHECKPOINT = "cleaner-offset.checkpoint";

  private final TopicPartition topicPartition;
  private final Path dir;
  private final Clock clock;
  private final LogSegments segments = new LogSegments();
  private volatile LogConfig config;
  private volatile LogEnd end;
  private volatile long logStartOffset;
  private volatile long recoveryPoint;
  private volatile long firstDirtyOffset;
  private volatile long tombstoneHorizonMs;
  private volatile boolean closed;
  private long unflushedMessages;
  private long firstUnflushedMs = -1;
  private long flushCount;
  private ProducerStateManager producerState; // guarded by this

  /** The published end of the log: readers never look past it. */
  private record LogEnd(long nextOffset, long activeBaseOffset, int activePosition) {}

  private PartitionLog(TopicPartition topicPartition, Path dir, LogConfig config, Clock clock) {
    this.topicPartition = requireNonNull(topicPartition, "topicPartition is null");
    this.dir = requireNonNull(dir, "dir is null");
    this.config = requireNonNull(config, "config is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Opens (creating if needed) the log in {@code dir}, recovering its tail as after a crash. */
  public static PartitionLog open(
      TopicPartition topicPartition, Path dir, LogConfig config, Clock clock) throws IOException {
    return open(topicPartition, dir, config, clock, false);
  }

  /**
   * Opens (creating if needed) the log in {@code dir}.
   *
   * @param cleanShutdown whether the log was closed cleanly, so its indexes and tail are trusted
   */
  public static PartitionLog open(
      TopicPartition topicPartition, Path dir, LogConfig config, Clock clock, boolean cleanShutdown)
      throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      AtomicFiles.syncDirectory(dir.toAbsolutePath().getParent());
    }
    PartitionLog log = new PartitionLog(topicPartition, dir, config, clock);
    log.load(cleanShutdown);
    return log;
  }

  private void load(boolean cleanShutdown) throws IOException {
    long now = clock.millis();
    List<Long> bases = LogRecovery.repairFiles(dir);
    for (LogSegment segment :
        LogRecovery.loadSegments(topicPartition, dir, bases, config, now, cleanShutdown)) {
      segments.add(segment);
    }
    LogSegment active = segments.active();
    end = new LogEnd(active.nextOffset(), active.baseOffset(), active.sizeInBytes());
    long checkpointed = OffsetCheckpoint.read(dir.resolve(LOG_START_CHECKPOINT), 0);
    logStartOffset =
        Math.min(Math.max(checkpointed, segments.first().baseOffset()), end.nextOffset());
    firstDirtyOffset =
        Math.min(OffsetCheckpoint.read(dir.resolve(CLEANER_CHECKPOINT), 0), end.nextOffset());
    recoveryPoint = end.nextOffset();
    tombstoneHorizonMs = 0;
    // Last: the producer state must describe the recovered (possibly truncated) log.
    loadProducerState();
  }

  public TopicPartition topicPartition() {
    return topicPartition;
  }

  public LogConfig config() {
    return config;
  }

  public void updateConfig(LogConfig newConfig) {
    this.config = requireNonNull(newConfig, "newConfig is null");
  }

  public long logStartOffset() {
    return logStartOffset;
  }

  /** The offset the next appended record will get. */
  public long logEndOffset() {
    return end.nextOffset();
  }

  /** With a single replica, everything appended is committed. */
  public long highWatermark() {
    return end.nextOffset();
  }

  /**
   * Whether a read from {@code offset} stays in the active segment (or at the log end): the tail
   * the producers wrote last, which the page cache normally holds. Lock-free.
   */
  public boolean inActiveSegment(long offset) {
    return offset >= end.activeBaseOffset();
  }

  /** Everything below this offset has been fsynced. */
  public long recoveryPoint() {
    return recoveryPoint;
  }

  /** How many times this log fsynced its active segment (for tests of the flush policy). */
  public synchronized long flushCount() {
    return flushCount;
  }

  /**
   * Validates the batches, assigns them offsets and appends them.
   *
   * @throws CorruptRecordException when a batch fails its CRC or the buffer ends mid-batch
   * @throws RecordTooLargeException when a batch exceeds max.message.bytes
   * @throws UnsupportedForMessageFormatException for batches older than magic v2
   * @throws InvalidRecordException for a record without a key in a compacted topic
   * @throws org.apache.kafka.common.errors.InvalidTimestampException for a CreateTime timestamp
   *     outside message.timestamp.before.max.ms / after.max.ms
   */
  public synchronized LogAppendResult append(MemoryRecords records, TimestampType timestampType) {
    LogConfig cfg = config;
    long now = clock.millis();
    long next = end.nextOffset();
    long first = next;
    int validBytes = 0;
    long messages = 0;
    ProducerAppend producerAppend = producerState.prepareAppend(now);
    for (MutableRecordBatch batch : records.batches()) {
      if (batch.magic() != RecordBatch.MAGIC_VALUE_V2) {
        throw new UnsupportedForMessageFormatException(
            "Record batches with magic " + batch.magic() + " are not accepted; use magic 2");
      }
      if (batch.sizeInBytes() > cfg.maxMessageBytes()) {
        throw new RecordTooLargeException(
            "A batch of "
                + batch.sizeInBytes()
                + " bytes exceeds max.message.bytes ("
                + cfg.maxMessageBytes()
                + ") of "
                + topicPartition);
      }
      batch.ensureValid();
      long delta = batch.lastOffset() - batch.baseOffset();
      Integer count = batch.countOrNull();
      if (delta < 0 || count == null || count <= 0 || count - 1 > delta) {
        throw new InvalidRecordException(
            "Batch with " + count + " records and last offset delta " + delta + " is invalid");
      }
      AppendValidator.validate(topicPartition, batch, cfg, timestampType, now);
      Optional<BatchMetadata> duplicate = producerAppend.check(batch);
      if (duplicate.isPresent()) {
        return duplicateAppend(records, duplicate.get(), timestampType);
      }
      batch.setLastOffset(next + delta);
      batch.setPartitionLeaderEpoch(LEADER_EPOCH);
      if (timestampType == TimestampType.LOG_APPEND_TIME) {
        batch.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, now);
      }
      producerAppend.append(batch);
      next += delta + 1;
      messages += count;
      validBytes += batch.sizeInBytes();
    }
    if (validBytes != records.sizeInBytes() || validBytes == 0) {
      throw new CorruptRecordException(
          "The produce request for "
              + topicPartition
              + " holds "
              + records.sizeInBytes()
              + " bytes of which only "
              + validBytes
              + " form whole record batches");
    }
    try {
      LogSegment active = maybeRoll(records.sizeInBytes(), next - 1, now);
      active.append(records);
      end = new LogEnd(next, active.baseOffset(), active.sizeInBytes());
      producerAppend.commit();
      unflushedMessages += messages;
      if (firstUnflushedMs < 0) {
        firstUnflushedMs = now;
      }
      if (unflushedMessages >= cfg.flushMessages() || now - firstUnflushedMs >= cfg.flushMs()) {
        flushActive();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Append to " + topicPartition + " failed", e);
    }
    return new LogAppendResult(
        first, next - 1, timestampType == TimestampType.LOG_APPEND_TIME ? now : -1, logStartOffset);
  }

  private LogSegment maybeRoll(int incomingBytes, long lastOffset, long now) throws IOException {
    LogSegment active = segments.active();
    boolean full = (long) active.sizeInBytes() + incomingBytes > config.segmentBytes();
    boolean old = now - active.createdMs() >= config.segmentMs();
    if (active.sizeInBytes() > 0 && (full || old || !active.canAppend(lastOffset))) {
      return roll(now);
    }
    return active;
  }

  private LogSegment roll(long now) throws IOException {
    LogSegment active = segments.active();
    active.onBecomeInactive();
    flushCount++;
    recoveryPoint = end.nextOffset();
    unflushedMessages = 0;
    firstUnflushedMs = -1;
    long base = end.nextOffset();
    LogSegment rolled = LogSegment.open(dir, base, config, now, "");
    rolled.recover();
    // The new files' directory entries, so that fsyncs of the new segment are not in vain.
    AtomicFiles.syncDirectory(dir);
    segments.add(rolled);
    end = new LogEnd(base, base, 0);
    snapshotProducerStateAtRoll(base);
    LOGGER.debug("Rolled {} to a new segment at offset {}", topicPartition, base);
    return rolled;
  }

  private void flushActive() throws IOException {
    long upTo = end.nextOffset();
    segments.active().flush();
    flushCount++;
    recoveryPoint = upTo;
    unflushedMessages = 0;
    firstUnflushedMs = -1;
  }

  /**
   * Reads from {@code fetchOffset}.
   *
   * @param maxBytes the most bytes to return
   * @param minOneBatch return the first batch whole even if it is larger than maxBytes
   * @throws OffsetOutOfRangeException when the offset is below the log start or above the end
   */
  public LogReadResult read(long fetchOffset, int maxBytes, boolean minOneBatch) {
    LogEnd snapshot = end;
    long start = logStartOffset;
    if (fetchOffset < start || fetchOffset > snapshot.nextOffset()) {
      throw new OffsetOutOfRangeException(
          "Offset "
              + fetchOffset
              + " is out of range for "
              + topicPartition
              + " ["
              + start
              + ", "
              + snapshot.nextOffset()
              + "]");
    }
    if (fetchOffset == snapshot.nextOffset()) {
      return new LogReadResult(MemoryRecords.EMPTY, snapshot.nextOffset(), start);
    }
    try {
      LogSegment segment = segments.floorOrFirst(fetchOffset);
      while (segment != null) {
        boolean active = segment.baseOffset() == snapshot.activeBaseOffset();
        int limit = active ? snapshot.activePosition() : segment.sizeInBytes();
        LogOffsetPosition found = segment.find(fetchOffset);
        if (found != null && found.position < limit) {
          int available = limit - found.position;
          int size = Math.min(available, maxBytes);
          if (size < found.size) {
            size = minOneBatch ? Math.min(found.size, available) : 0;
          }
          if (size == 0) {
            return new LogReadResult(MemoryRecords.EMPTY, snapshot.nextOffset(), start);
          }
          FileRecords slice = segment.slice(found.position, size);
          return new LogReadResult(slice, snapshot.nextOffset(), start);
        }
        if (active || segment.baseOffset() > snapshot.activeBaseOffset()) {
          break;
        }
        // A segment swapped out by the cleaner meanwhile may have been merged with the next
        // ones: look the offset up again rather than skip to what now follows.
        segment =
            segments.contains(segment)
                ? segments.next(segment)
                : segments.floorOrFirst(Math.max(fetchOffset, segment.nextOffset()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Read from " + topicPartition + " failed", e);
    }
    return new LogReadResult(MemoryRecords.EMPTY, snapshot.nextOffset(), start);
  }

  /**
   * The first record whose timestamp is at or after {@code timestampMs}, found through the
   * segments' largest timestamps and time indexes.
   *
   * @return empty when no record is that recent
   */
  public Optional<TimestampAndOffset> offsetForTimestamp(long timestampMs) {
    LogEnd snapshot = end;
    return segments.offsetForTimestamp(timestampMs, logStartOffset, snapshot.nextOffset());
  }

  /** The record with the largest timestamp (the first one on ties), if any. */
  public Optional<TimestampAndOffset> maxTimestampAndOffset() {
    return segments.maxTimestampAndOffset(logStartOffset);
  }

  /** Forces everything appended so far to disk. */
  public synchronized void flush() {
    try {
      flushActive();
    } catch (IOException e) {
      throw new UncheckedIOException("Flush of " + topicPartition + " failed", e);
    }
  }

  /** Flushes when the oldest unflushed append is older than flush.ms (called periodically). */
  public synchronized void maybeFlushByTime() {
    long now = clock.millis();
    if (!closed && firstUnflushedMs >= 0 && now - firstUnflushedMs >= config.flushMs()) {
      flush();
    }
  }

  /**
   * Moves the log start offset to {@code offset} (DeleteRecords): reads below it fail with
   * OFFSET_OUT_OF_RANGE; the new start is checkpointed before this returns, and whole segments
   * below it are removed. The producer state is left alone: producers whose batches are deleted
   * stay known until they expire, as in Kafka.
   *
   * @param offset the new log start offset; -1 means the high watermark
   * @return the log start offset afterwards (never lower than before)
   * @throws OffsetOutOfRangeException when the offset is above the high watermark or below -1
   */
  public synchronized long deleteRecordsBefore(long offset) {
    long target = offset == -1 ? highWatermark() : offset;
    if (target < 0 || target > highWatermark()) {
      throw new OffsetOutOfRangeException(
          "Cannot delete records of "
              + topicPartition
              + " before offset "
              + offset
              + ": it must be between 0 and the high watermark "
              + highWatermark()
              + " (or -1 for the high watermark)");
    }
    if (target > logStartOffset) {
      try {
        OffsetCheckpoint.write(dir.resolve(LOG_START_CHECKPOINT), target);
        logStartOffset = target;
        LOGGER.info("Log start offset of {} moved to {} by DeleteRecords", topicPartition, target);
        enforceRetention();
      } catch (IOException e) {
        throw new UncheckedIOException("DeleteRecords on " + topicPartition + " failed", e);
      }
    }
    return logStartOffset;
  }

  /**
   * Applies retention (see {@link RetentionPolicy}): rolls the active segment when it is older than
   * segment.ms or breaches retention.ms, removes deletable segments and advances the log start
   * offset; then deletes segments removed long enough ago.
   *
   * @return the number of segments removed
   */
  public int enforceRetention() throws IOException {
    long now = clock.millis();
    int removed = 0;
    synchronized (this) {
      if (closed) {
        return 0;
      }
      LogSegment active = segments.active();
      if (active.sizeInBytes() > 0
          && (now - active.createdMs() >= config.segmentMs()
              || RetentionPolicy.activeBreachesTime(active, config, now))) {
        roll(now);
      }
      List<LogSegment> all = segments.list();
      RetentionPolicy.Decision decision =
          RetentionPolicy.deletable(all, config, logStartOffset, now);
      if (!decision.segments().isEmpty()) {
        List<LogSegment> doomed = decision.segments();
        long newStart = all.get(doomed.size()).baseOffset();
        logStartOffset = Math.max(logStartOffset, newStart);
        segments.retire(doomed, now);
        removed = doomed.size();
        LOGGER.info(
            "Deleted {} segments of {} (offsets {} to {}) by {}; log start offset now {}",
            removed,
            topicPartition,
            doomed.get(0).baseOffset(),
            newStart - 1,
            decision.reason().description,
            logStartOffset);
      }
    }
    segments.purgeRetired(now - SEGMENT_CLOSE_DELAY_MS);
    return removed;
  }

  /** The segments in offset order, the active one last (a snapshot, for the cleaner). */
  List<LogSegment> segments() {
    return segments.list();
  }

  Path dir() {
    return dir;
  }

  Clock clock() {
    return clock;
  }

  long firstDirtyOffset() {
    return firstDirtyOffset;
  }

  long tombstoneHorizonMs() {
    return tombstoneHorizonMs;
  }

  /** Records how far the cleaner got and when its kept tombstones become removable. */
  synchronized void cleaned(long newFirstDirty, long nextTombstoneHorizonMs) throws IOException {
    if (closed) {
      return;
    }
    OffsetCheckpoint.write(dir.resolve(CLEANER_CHECKPOINT), newFirstDirty);
    firstDirtyOffset = newFirstDirty;
    tombstoneHorizonMs = nextTombstoneHorizonMs;
  }

  /**
   * Swaps a cleaned segment (files suffixed {@code .swap}, fsynced) in for the consecutive segments
   * {@code olds} (see {@link LogSegments#replace}).
   *
   * @return false when one of {@code olds} is no longer in the log (retention removed it, or the
   *     log was closed); the caller then deletes the cleaned files
   */
  synchronized boolean replaceSegments(List<LogSegment> olds, LogSegment cleaned)
      throws IOException {
    return !closed && segments.replace(olds, cleaned, clock.millis());
  }

  /** Closes cleanly: the active segment is fsynced with its indexes. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    segments.closeAll();
    // After the segments are fsynced: a snapshot never covers offsets the log does not hold.
    producerState.writeSnapshot(end.nextOffset());
  }

  /**
   * Closes every file without flushing, as a crash would leave them (for tests of recovery; the OS
   * still holds what was written, as after {@code kill -9}).
   */
  public synchronized void halt() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    segments.haltAll();
  }

  /** Closes and removes every file of this log. */
  public synchronized void delete() throws IOException {
    closed = true;
    segments.deleteAll();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(dir);
  }

  boolean isClosed() {
    return closed;
  }

  // ---- producer state (idempotence) hook: keep in step with the segments, nothing else ----

  /** Rebuilds the producer state once the segments are open (and recovered). */
  private void loadProducerState() throws IOException {
    producerState =
        ProducerStateManager.load(
            topicPartition,
            dir,
            segments.first().baseOffset(),
            end.nextOffset(),
            segments::batchesFrom,
            clock.millis());
  }

  /**
   * The last offset of the last batch of each producer in the state, by producer id: the cleaner
   * keeps these batches (emptied if need be) so that the state can be rebuilt from the log.
   */
  synchronized Map<Long, Long> lastBatchOffsetsOfProducers() {
    return producerState.lastBatchOffsets();
  }

  /**
   * Forgets the producers of this partition that have not appended for {@code expirationMs}.
   *
   * @return how many were forgotten
   */
  public synchronized int removeExpiredProducers(long expirationMs) {
    return producerState.removeExpired(clock.millis(), expirationMs);
  }

  /**
   * Snapshots the producer state at a roll (the old segment was just flushed, so the snapshot
   * covers durable data only), so that rebuilding after a crash scans one segment, not the log. A
   * failed snapshot fails no append: the next roll or clean close writes another.
   */
  private void snapshotProducerStateAtRoll(long base) {
    try {
      producerState.writeSnapshot(base);
    } catch (IOException e) {
      LOGGER.warn(
          "Could not snapshot the producer state of {} at offset {}; a crash now costs a longer"
              + " rebuild from the log: {}",
          topicPartition,
          base,
          e.toString());
    }
  }

  private LogAppendResult duplicateAppend(
      MemoryRecords records, BatchMetadata original, TimestampType timestampType) {
    if (records.firstBatchSize() == null || records.firstBatchSize() != records.sizeInBytes()) {
      throw new InvalidRecordException(
          "A produce with a retried batch must hold that batch only; "
              + topicPartition
              + " got more batches in the same request");
    }
    LOGGER.debug(
        "Duplicate batch for {} acknowledged with its original offsets {}..{}",
        topicPartition,
        original.firstOffset(),
        original.lastOffset());
    return new LogAppendResult(
        original.firstOffset(),
        original.lastOffset(),
        timestampType == TimestampType.LOG_APPEND_TIME ? original.timestamp() : -1,
        logStartOffset);
  }

  // ---- end of the producer state hook ----
}
