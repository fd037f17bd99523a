package io.tributary.connect.hdfs.partition;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * {@code partitioner.class=default}: one directory per Kafka partition, {@code partition=N}.
 * Immutable.
 */
public final class DefaultPartitioner implements Partitioner {

  @Override
  public String encodePartition(SinkRecord record, long nowMs) {
    return "partition=" + record.kafkaPartition();
  }

  @Override
  public String toString() {
    return "default";
  }
}
