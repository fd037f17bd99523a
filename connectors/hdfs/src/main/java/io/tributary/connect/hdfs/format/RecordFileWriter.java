package io.tributary.connect.hdfs.format;

import java.io.Closeable;
import java.io.IOException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Writes records into one open file. Not thread-safe: owned by one task thread. {@link #close}
 * makes every written record durable (flushed and synced to the file system) before it returns;
 * only then may the file be committed by renaming it.
 */
public interface RecordFileWriter extends Closeable {

  /** Appends the record's value, already projected to the file's schema by the caller. */
  void write(SinkRecord record) throws IOException;

  /** Bytes written so far (at least approximately, for rotation by size). */
  long bytesWritten();

  /** Flushes, syncs and closes the file. */
  @Override
  void close() throws IOException;
}
