package io.tributary.connect.hdfs.partition;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * {@code timestamp.extractor}: the time a record is partitioned by, in epoch milliseconds. See
 * {@link TimestampExtractors} for the built-in ones. Immutable and thread-safe.
 */
public interface TimestampExtractor {

  /**
   * The record's time; {@code nowMs} is the wall clock.
   *
   * @throws org.apache.kafka.connect.errors.DataException naming the record when it has no usable
   *     timestamp
   */
  long extract(SinkRecord record, long nowMs);
}
