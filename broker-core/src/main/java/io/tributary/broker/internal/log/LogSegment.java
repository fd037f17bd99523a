package io.tributary.broker.internal.log;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.record.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.FileRecords;
import org.apache.kafka.common.record.FileRecords.LogOffsetPosition;
import org.apache.kafka.common.record.FileRecords.TimestampAndOffset;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.RecordBatch;

/**
 * One segment of a partition's log: three files named after the segment's base offset (20 digits),
 * {@code <base>.log}, {@code <base>.index} ({@link OffsetIndex}) and {@code <base>.timeindex}
 * ({@link TimeIndex}). A segment being written by the cleaner carries the suffix {@code .cleaned}
 * on all three names, then {@code .swap} (see {@link LogCleaner}); a segment retired by retention
 * or cleaning has its log renamed to {@code .log.deleted} until it is closed.
 *
 * <p>Byte layout of the {@code .log} file: Kafka record batches (magic v2) back to back, exactly as
 * producers sent them, with offsets (and the partition leader epoch, LogAppendTime timestamps) set
 * by the broker in the part of the header the CRC does not cover.
 *
 * <p>Crash behaviour: the log bytes are written before the index entries that point at them; an
 * fsync ({@link #flush()}) covers the log only, the indexes are fsynced when the segment rolls or
 * closes. {@link #recover()} validates every batch (size and CRC), truncates the file at the first
 * torn or corrupt batch and rebuilds both indexes; the log decides when to call it (see {@link
 * LogRecovery}).
 *
 * <p>Thread-safety: appends (and recovery) come from one thread at a time (the partition's lock);
 * reads run concurrently and only look at bytes below a limit the caller got from the published log
 * end.
 */
final class LogSegment implements AutoCloseable {
  static final String LOG_SUFFIX = ".log";
  static final String INDEX_SUFFIX = ".index";
  static final String TIME_INDEX_SUFFIX = ".timeindex";
  static final String CLEANED = ".cleaned";
  static final String SWAP = ".swap";
  static final String DELETED = ".deleted";

  private final Path dir;
  private final long baseOffset;
  private final FileRecords records;
  private final OffsetIndex offsetIndex;
  private final TimeIndex timeIndex;
  private final int indexIntervalBytes;
  private final long createdMs;
  private int bytesSinceLastEntry;
  private volatile long maxTimestamp = RecordBatch.NO_TIMESTAMP;
  private volatile long offsetOfMaxTimestamp = -1;
  private volatile long nextOffset;

  private LogSegment(
      Path dir,
      long baseOffset,
      FileRecords records,
      OffsetIndex offsetIndex,
      TimeIndex timeIndex,
      int indexIntervalBytes,
      long createdMs) {
    this.dir = dir;
    this.baseOffset = baseOffset;
    this.records = requireNonNull(records, "records is null");
    this.offsetIndex = offsetIndex;
    this.timeIndex = timeIndex;
    this.indexIntervalBytes = indexIntervalBytes;
    this.createdMs = createdMs;
    this.nextOffset = baseOffset;
  }

  /**
   * Opens the segment's files (creating empty ones if absent) without looking at the log's content;
   * follow with {@link #loadTrusted()} or {@link #recover()}.
   */
  static LogSegment open(Path dir, long baseOffset, LogConfig config, long nowMs, String suffix)
      throws IOException {
    FileRecords records = FileRecords.open(dir.resolve(logName(baseOffset) + suffix).toFile());
    OffsetIndex offsetIndex =
        new OffsetIndex(
            dir.resolve(name(baseOffset) + INDEX_SUFFIX + suffix),
            baseOffset,
            config.segmentIndexBytes());
    TimeIndex timeIndex =
        new TimeIndex(
            dir.resolve(name(baseOffset) + TIME_INDEX_SUFFIX + suffix),
            baseOffset,
            config.segmentIndexBytes());
    long created = nowMs;
    if (records.sizeInBytes() > 0) {
      try {
        Iterator<FileChannelRecordBatch> first = records.batches().iterator();
        if (first.hasNext()) {
          long ts = first.next().maxTimestamp();
          created = ts > 0 ? Math.min(ts, nowMs) : nowMs;
        }
      } catch (KafkaException e) {
        // A corrupt first batch: recovery will deal with it; the roll clock starts now.
      }
    }
    return new LogSegment(
        dir, baseOffset, records, offsetIndex, timeIndex, config.indexIntervalBytes(), created);
  }

  static String name(long baseOffset) {
    return String.format("%020d", baseOffset);
  }

  static String logName(long baseOffset) {
    return name(baseOffset) + LOG_SUFFIX;
  }

  /** Kept for callers that name the log file of a segment. */
  static String fileName(long baseOffset) {
    return logName(baseOffset);
  }

  long baseOffset() {
    return baseOffset;
  }

  int sizeInBytes() {
    return records.sizeInBytes();
  }

  long createdMs() {
    return createdMs;
  }

  FileRecords records() {
    return records;
  }

  OffsetIndex offsetIndex() {
    return offsetIndex;
  }

  TimeIndex timeIndex() {
    return timeIndex;
  }

  /** The next offset after the last batch in this segment, or the base offset when empty. */
  long nextOffset() {
    return nextOffset;
  }

  /** The largest timestamp in this segment, or -1 when it has none. */
  long maxTimestamp() {
    return maxTimestamp;
  }

  /** The last modification time of the log file (for segments without timestamps). */
  long lastModifiedMs() throws IOException {
    return Files.getLastModifiedTime(records.file().toPath()).toMillis();
  }

  /**
   * Takes the indexes as they are (after a clean shutdown) when they pass the sanity check, reading
   * only the batches after the last offset index entry; otherwise recovers the segment.
   *
   * @return the bytes truncated by a recovery, 0 when none was needed
   */
  int loadTrusted() throws IOException {
    String problem = offsetIndex.sanityProblem(records.sizeInBytes());
    if (problem == null) {
      problem = timeIndex.sanityProblem();
    }
    if (problem == null && offsetIndex.entries() > 0) {
      int last = offsetIndex.entries() - 1;
      Iterator<FileChannelRecordBatch> at =
          records.batchesFrom(offsetIndex.positionAt(last)).iterator();
      if (!at.hasNext() || at.next().baseOffset() != offsetIndex.offsetAt(last)) {
        problem = "the offset index's last entry does not point at a batch with its offset";
      }
    }
    if (problem != null) {
      LogRecovery.LOGGER.warn(
          "Rebuilding the indexes of segment {} in {}: {}", baseOffset, dir, problem);
      return recover();
    }
    maxTimestamp = timeIndex.lastTimestamp();
    offsetOfMaxTimestamp = timeIndex.lastOffset();
    int from = offsetIndex.entries() == 0 ? 0 : offsetIndex.positionAt(offsetIndex.entries() - 1);
    long next = baseOffset;
    int position = from;
    for (FileChannelRecordBatch batch : records.batchesFrom(from)) {
      if (batch.maxTimestamp() > maxTimestamp) {
        maxTimestamp = batch.maxTimestamp();
        offsetOfMaxTimestamp = batch.lastOffset();
      }
      next = batch.nextOffset();
      position += batch.sizeInBytes();
    }
    nextOffset = next;
    bytesSinceLastEntry = position - from;
    return 0;
  }

  /**
   * Validates every batch (size, CRC, offsets after the previous batch's), truncates the file at
   * the first one that fails and rebuilds both indexes from what is left.
   *
   * @return the number of bytes truncated
   */
  int recover() throws IOException {
    offsetIndex.reset();
    timeIndex.reset();
    maxTimestamp = RecordBatch.NO_TIMESTAMP;
    offsetOfMaxTimestamp = -1;
    bytesSinceLastEntry = 0;
    nextOffset = baseOffset;
    int valid = 0;
    Iterator<FileChannelRecordBatch> batches = records.batchIterator();
    try {
      while (batches.hasNext()) {
        FileChannelRecordBatch batch = batches.next();
        batch.ensureValid();
        if (batch.magic() != RecordBatch.MAGIC_VALUE_V2
            || batch.baseOffset() < nextOffset
            || batch.lastOffset() < batch.baseOffset()
            || batch.lastOffset() - baseOffset > Integer.MAX_VALUE) {
          break;
        }
        index(batch.baseOffset(), batch.lastOffset(), batch.maxTimestamp(), valid);
        bytesSinceLastEntry += batch.sizeInBytes();
        valid += batch.sizeInBytes();
        nextOffset = batch.nextOffset();
      }
    } catch (KafkaException e) {
      // CorruptRecordException / InvalidRecordException: the batch at `valid` is not whole.
    }
    int size = records.sizeInBytes();
    if (valid < size) {
      records.truncateTo(valid);
    }
    return size - valid;
  }

  /** Whether a batch ending at {@code lastOffset} still fits this segment's indexes. */
  boolean canAppend(long lastOffset) {
    return lastOffset - baseOffset <= Integer.MAX_VALUE
        && !offsetIndex.isFull()
        && !timeIndex.isFull();
  }

  /** Appends batches that already carry their offsets, indexing them as needed. */
  void append(MemoryRecords batches) throws IOException {
    int position = records.sizeInBytes();
    records.append(batches);
    for (MutableRecordBatch batch : batches.batches()) {
      index(batch.baseOffset(), batch.lastOffset(), batch.maxTimestamp(), position);
      bytesSinceLastEntry += batch.sizeInBytes();
      position += batch.sizeInBytes();
      nextOffset = batch.lastOffset() + 1;
    }
  }

  private void index(long batchBase, long lastOffset, long batchMaxTimestamp, int position)
      throws IOException {
    if (batchMaxTimestamp > maxTimestamp) {
      maxTimestamp = batchMaxTimestamp;
      offsetOfMaxTimestamp = lastOffset;
    }
    if ((offsetIndex.entries() == 0 || bytesSinceLastEntry >= indexIntervalBytes)
        && !offsetIndex.isFull()) {
      offsetIndex.append(batchBase, position);
      if (maxTimestamp >= 0 && !timeIndex.isFull()) {
        timeIndex.maybeAppend(maxTimestamp, offsetOfMaxTimestamp);
      }
      bytesSinceLastEntry = 0;
    }
  }

  /**
   * Finds the batch holding {@code offset}, starting from the offset index's entry for it.
   *
   * @return its position and size, or null when the segment has no batch at or after it
   */
  LogOffsetPosition find(long offset) {
    return records.searchForOffsetWithSize(offset, offsetIndex.lookup(offset));
  }

  /** The first record at or after {@code timestamp} with an offset at or after {@code from}. */
  TimestampAndOffset findByTimestamp(long timestamp, long from) {
    long searchFrom = Math.max(timeIndex.lookup(timestamp), from);
    return records.searchForTimestamp(timestamp, offsetIndex.lookup(searchFrom), from);
  }

  FileRecords slice(int position, int size) throws IOException {
    return records.slice(position, size);
  }

  /** Fsyncs the log file. */
  void flush() throws IOException {
    records.flush();
  }

  /**
   * Called when the segment stops taking appends (roll, close): records its largest timestamp in
   * the time index and fsyncs all three files.
   */
  void onBecomeInactive() throws IOException {
    if (maxTimestamp >= 0 && !timeIndex.isFull()) {
      timeIndex.maybeAppend(maxTimestamp, offsetOfMaxTimestamp);
    }
    records.flush();
    offsetIndex.flush();
    timeIndex.flush();
  }

  /**
   * Renames all three files from one suffix to another (e.g. {@code .cleaned} to {@code .swap}).
   */
  void renameSuffix(String from, String to) throws IOException {
    offsetIndex.renameTo(strip(offsetIndex.path(), from, to));
    timeIndex.renameTo(strip(timeIndex.path(), from, to));
    records.renameTo(strip(records.file().toPath(), from, to).toFile());
  }

  private static Path strip(Path path, String from, String to) {
    String name = path.getFileName().toString();
    if (!name.endsWith(from)) {
      throw new IllegalStateException(path + " does not end with '" + from + "'");
    }
    return path.resolveSibling(name.substring(0, name.length() - from.length()) + to);
  }

  /**
   * Takes the segment out of the log: the log file becomes {@code .log.deleted} (its channel stays
   * open for reads in flight until {@link #close()}), the index files are deleted (lookups keep
   * working from memory).
   */
  void retire() throws IOException {
    records.renameTo(
        records.file().toPath().resolveSibling(records.file().getName() + DELETED).toFile());
    offsetIndex.deleteFile();
    timeIndex.deleteFile();
  }

  @Override
  public void close() throws IOException {
    records.close();
    offsetIndex.close();
    timeIndex.close();
  }

  /** Closes without flushing (a simulated crash, or after {@link #retire()}). */
  void closeWithoutFlush() throws IOException {
    records.closeHandlers();
    offsetIndex.close();
    timeIndex.close();
  }

  /** Closes and deletes all files. */
  void delete() throws IOException {
    closeWithoutFlush();
    records.deleteIfExists();
    offsetIndex.deleteFile();
    timeIndex.deleteFile();
  }

  @Override
  public String toString() {
    return "LogSegment(" + dir.getFileName() + "/" + name(baseOffset) + ")";
  }
}
