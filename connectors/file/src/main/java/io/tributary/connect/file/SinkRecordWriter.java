package io.tributary.connect.file;

import java.io.IOException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Writes the records of one file in one format. One instance per file; not thread-safe. It writes
 * to the stream it was created with and never closes it: the file's owner does.
 */
interface SinkRecordWriter {

  /**
   * Whether {@code record} may go into this file; false asks the caller to complete the file and
   * start a new one (e.g. a CSV record whose fields differ from the file's header).
   */
  default boolean accepts(SinkRecord record) {
    return true;
  }

  /** Writes one record whose value is not null. */
  void write(SinkRecord record) throws IOException;

  /** Writes whatever the format keeps until the end of the file. */
  default void finish() throws IOException {}
}
