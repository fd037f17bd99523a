package io.tributary.broker.internal.log;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.producer.BatchMetadata;
import io.tributary.broker.internal.producer.ProducerAppend;
import io.tributary.broker.internal.producer.ProducerStateManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
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
 * <p>Idempotent producers: each append is checked against the partition's {@link
 * ProducerStateManager} under the append lock; a retried batch is not appended again but answered
 * with its original offsets. The producer state is rebuilt on open from the newest snapshot
 * (written at each segment roll and on clean close) plus the batch headers after it.
 *
 * <p>Thread-safety: appends are serialised by this object's lock; reads take no lock and see
 * everything up to the last completed append through the volatile {@link LogEnd}.
 */
public final class PartitionLog implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(PartitionLog.class);

  /** The one leader epoch this single-node broker ever has (Metadata announces the same). */
  public static final int LEADER_EPOCH = 0;

  private final TopicPartition topicPartition;
  private final Path dir;
  private final Clock clock;
  private final ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
  private volatile LogConfig config;
  private volatile LogEnd end;
  private volatile long logStartOffset;
  private long unflushedMessages;
  private long lastFlushMs;
  private ProducerStateManager producerState; // guarded by this

  /** The published end of the log: readers never look past it. */
  private record LogEnd(long nextOffset, long activeBaseOffset, int activePosition) {}

  private PartitionLog(TopicPartition topicPartition, Path dir, LogConfig config, Clock clock) {
    this.topicPartition = requireNonNull(topicPartition, "topicPartition is null");
    this.dir = requireNonNull(dir, "dir is null");
    this.config = requireNonNull(config, "config is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Opens (creating if needed) the log in {@code dir}. */
  public static PartitionLog open(
      TopicPartition topicPartition, Path dir, LogConfig config, Clock clock) throws IOException {
    Files.createDirectories(dir);
    PartitionLog log = new PartitionLog(topicPartition, dir, config, clock);
    log.load();
    return log;
  }

  private void load() throws IOException {
    long now = clock.millis();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(LogSegment.LOG_SUFFIX)) {
          long base =
              Long.parseLong(name.substring(0, name.length() - LogSegment.LOG_SUFFIX.length()));
          segments.put(base, LogSegment.open(dir, base, now));
        }
      }
    }
    if (segments.isEmpty()) {
      segments.put(0L, LogSegment.open(dir, 0L, now));
    }
    LogSegment active = segments.lastEntry().getValue();
    logStartOffset = segments.firstKey();
    end = new LogEnd(active.nextOffset(), active.baseOffset(), active.sizeInBytes());
    lastFlushMs = now;
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
   * Validates the batches, assigns them offsets and appends them.
   *
   * @throws CorruptRecordException when a batch fails its CRC or the buffer ends mid-batch
   * @throws RecordTooLargeException when a batch exceeds max.message.bytes
   * @throws UnsupportedForMessageFormatException for batches older than magic v2
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
      LogSegment active = maybeRoll(records.sizeInBytes(), now);
      active.append(records);
      unflushedMessages += messages;
      if (unflushedMessages >= cfg.flushMessages() || now - lastFlushMs >= cfg.flushMs()) {
        active.flush();
        unflushedMessages = 0;
        lastFlushMs = now;
      }
      end = new LogEnd(next, active.baseOffset(), active.sizeInBytes());
      producerAppend.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("Append to " + topicPartition + " failed", e);
    }
    return new LogAppendResult(
        first, next - 1, timestampType == TimestampType.LOG_APPEND_TIME ? now : -1, logStartOffset);
  }

  private LogSegment maybeRoll(int incomingBytes, long now) throws IOException {
    LogSegment active = segments.lastEntry().getValue();
    boolean full = (long) active.sizeInBytes() + incomingBytes > config.segmentBytes();
    boolean old = now - active.createdMs() >= config.segmentMs();
    if (active.sizeInBytes() > 0 && (full || old)) {
      active.flush();
      long base = end.nextOffset();
      LogSegment rolled = LogSegment.open(dir, base, now);
      segments.put(base, rolled);
      LOGGER.debug("Rolled {} to a new segment at offset {}", topicPartition, base);
      snapshotProducerStateAtRoll(base);
      return rolled;
    }
    return active;
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
      Map.Entry<Long, LogSegment> entry = segments.floorEntry(fetchOffset);
      while (entry != null) {
        LogSegment segment = entry.getValue();
        int limit =
            segment.baseOffset() == snapshot.activeBaseOffset()
                ? snapshot.activePosition()
                : segment.sizeInBytes();
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
        if (segment.baseOffset() == snapshot.activeBaseOffset()) {
          break;
        }
        entry = segments.higherEntry(entry.getKey());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Read from " + topicPartition + " failed", e);
    }
    return new LogReadResult(MemoryRecords.EMPTY, snapshot.nextOffset(), start);
  }

  /**
   * The first record whose timestamp is at or after {@code timestampMs}.
   *
   * @return empty when no record is that recent
   */
  public Optional<TimestampAndOffset> offsetForTimestamp(long timestampMs) {
    LogEnd snapshot = end;
    for (LogSegment segment : segments.values()) {
      TimestampAndOffset found =
          segment.records().searchForTimestamp(timestampMs, 0, logStartOffset);
      if (found != null && found.offset < snapshot.nextOffset()) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  /** The record with the largest timestamp (the first one on ties), if any. */
  public Optional<TimestampAndOffset> maxTimestampAndOffset() {
    TimestampAndOffset best = null;
    for (LogSegment segment : segments.values()) {
      TimestampAndOffset candidate = segment.records().largestTimestampAfter(0);
      if (candidate != null
          && candidate.offset >= 0
          && (best == null || candidate.timestamp > best.timestamp)) {
        best = candidate;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Forces everything appended so far to disk. */
  public synchronized void flush() {
    try {
      segments.lastEntry().getValue().flush();
      unflushedMessages = 0;
      lastFlushMs = clock.millis();
    } catch (IOException e) {
      throw new UncheckedIOException("Flush of " + topicPartition + " failed", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      for (LogSegment segment : segments.values()) {
        segment.flush();
      }
      // After the flush: a snapshot never covers offsets the log does not durably hold.
      producerState.writeSnapshot(end.nextOffset());
    } finally {
      for (LogSegment segment : segments.values()) {
        segment.close();
      }
    }
  }

  /** Closes and removes every file of this log. */
  public synchronized void delete() throws IOException {
    for (LogSegment segment : segments.values()) {
      segment.delete();
    }
    segments.clear();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(dir);
  }

  // ---- producer state (idempotence) hook: keep in step with the segments, nothing else ----

  /** Rebuilds the producer state once the segments are open (and recovered). */
  private void loadProducerState() throws IOException {
    producerState =
        ProducerStateManager.load(
            topicPartition, dir, end.nextOffset(), this::batchesFrom, clock.millis());
  }

  /**
   * The batches whose last offset is at or after {@code offset}, one at a time: FileRecords reads
   * each batch's header only, and only when the iteration reaches it.
   */
  private Iterable<RecordBatch> batchesFrom(long offset) {
    Long first = segments.floorKey(offset);
    return () -> {
      Iterator<LogSegment> segmentsFrom =
          segments.tailMap(first == null ? offset : first).values().iterator();
      return new Iterator<>() {
        private Iterator<? extends RecordBatch> current = Collections.emptyIterator();
        private RecordBatch next;

        @Override
        public boolean hasNext() {
          while (next == null) {
            while (!current.hasNext()) {
              if (!segmentsFrom.hasNext()) {
                return false;
              }
              current = segmentsFrom.next().records().batches().iterator();
            }
            RecordBatch candidate = current.next();
            if (candidate.lastOffset() >= offset) {
              next = candidate;
            }
          }
          return true;
        }

        @Override
        public RecordBatch next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          RecordBatch batch = next;
          next = null;
          return batch;
        }
      };
    };
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
