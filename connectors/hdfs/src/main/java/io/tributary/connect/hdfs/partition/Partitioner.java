package io.tributary.connect.hdfs.partition;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Chooses the directory, under {@code topics.dir/<topic>}, that a record is written to. Immutable
 * and thread-safe.
 */
public interface Partitioner {

  /**
   * The relative directory for {@code record}: '/'-separated, no leading or trailing slash, e.g.
   * {@code "partition=3"} or {@code "year=2026/month=11/day=22"}. {@code nowMs} is the wall clock
   * for partitioners that use it.
   *
   * @throws org.apache.kafka.connect.errors.DataException naming the field, topic, partition and
   *     offset when the record cannot be partitioned (missing field, no timestamp, ...)
   */
  String encodePartition(SinkRecord record, long nowMs);
}
