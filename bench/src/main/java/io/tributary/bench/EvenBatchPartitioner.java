package io.tributary.bench;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * Producer partitioner for the benchmarks: sends blocks of {@value #RECORDS_PER_BLOCK} consecutive
 * records to one partition, then moves to the next, round-robin. Every partition ends up with the
 * same number of records (give or take one block) whatever the broker's acknowledgement timing, so
 * consumer figures compare serving speed rather than how unevenly the producer spread the data.
 *
 * <p>kafka-clients' adaptive sticky partitioner spreads records by how fast each partition is
 * acknowledged, which leaves partition sizes broker-dependent; its {@code RoundRobinPartitioner}
 * skips every other partition when batches fill (the producer asks it twice for a record that
 * starts a new batch). A block of records larger than one batch keeps batches full either way.
 *
 * <p>Thread-safe.
 */
public final class EvenBatchPartitioner implements Partitioner {
  /** About one and a half 64 KiB batches of 100-byte records. */
  static final int RECORDS_PER_BLOCK = 1_000;

  private final AtomicLong records = new AtomicLong();

  @Override
  public int partition(
      String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
    int partitions = cluster.partitionCountForTopic(topic);
    long block = records.getAndIncrement() / RECORDS_PER_BLOCK;
    return (int) (block % partitions);
  }

  @Override
  public void configure(Map<String, ?> configs) {}

  @Override
  public void close() {}
}
