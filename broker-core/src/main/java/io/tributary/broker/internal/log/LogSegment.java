package io.tributary.broker.internal.log;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.kafka.common.record.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.FileRecords;
import org.apache.kafka.common.record.FileRecords.LogOffsetPosition;
import org.apache.kafka.common.record.MemoryRecords;

/**
 * One segment of a partition's log: a file of record batches whose first offset is {@link
 * #baseOffset()}, named {@code <baseOffset, 20 digits>.log}.
 *
 * <p>Byte layout: Kafka record batches (magic v2) back to back, exactly as producers sent them,
 * with offsets assigned by the broker.
 *
 * <p>Appends are made by one thread at a time (the partition's lock); reads may run concurrently
 * with appends and only see bytes below the position the caller passes.
 */
final class LogSegment implements AutoCloseable {
  static final String LOG_SUFFIX = ".log";

  private final long baseOffset;
  private final FileRecords records;
  private volatile long createdMs;

  private LogSegment(long baseOffset, FileRecords records, long createdMs) {
    this.baseOffset = baseOffset;
    this.records = requireNonNull(records, "records is null");
    this.createdMs = createdMs;
  }

  static LogSegment open(Path dir, long baseOffset, long nowMs) throws IOException {
    File file = dir.resolve(fileName(baseOffset)).toFile();
    return new LogSegment(baseOffset, FileRecords.open(file), nowMs);
  }

  static String fileName(long baseOffset) {
    return String.format("%020d", baseOffset) + LOG_SUFFIX;
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

  void append(MemoryRecords batches) throws IOException {
    records.append(batches);
  }

  /** The next offset after the last batch in this segment, or the base offset when empty. */
  long nextOffset() {
    long next = baseOffset;
    for (FileChannelRecordBatch batch : records.batches()) {
      next = batch.nextOffset();
    }
    return next;
  }

  /**
   * Finds the batch holding {@code offset}.
   *
   * @return its position and size, or null when the segment has no batch at or after it
   */
  LogOffsetPosition find(long offset) {
    return records.searchForOffsetWithSize(offset, 0);
  }

  FileRecords slice(int position, int size) throws IOException {
    return records.slice(position, size);
  }

  void flush() throws IOException {
    records.flush();
  }

  @Override
  public void close() throws IOException {
    records.close();
  }

  void delete() throws IOException {
    records.closeHandlers();
    records.deleteIfExists();
  }
}
