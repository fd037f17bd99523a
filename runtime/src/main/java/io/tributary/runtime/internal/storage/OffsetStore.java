package io.tributary.runtime.internal.storage;

import java.util.Collection;
import java.util.Map;

/**
 * Source connectors' offsets: for each connector, the last committed offset of each source
 * partition, both as the schemaless maps a {@code SourceRecord} carries ({@code sourcePartition},
 * {@code sourceOffset}). Standalone mode keeps them in a local file ({@link FileOffsetStore});
 * distributed mode (a later issue) will keep them in a compacted topic with Kafka Connect's key
 * layout {@code ["<connector>", {partition}]}.
 *
 * <p>Partitions are compared by their JSON form, so a partition read back from storage (where
 * integers come back as {@code Long}) matches the same partition built with {@code Integer}s.
 *
 * <p>Implementations are thread-safe.
 */
public interface OffsetStore extends AutoCloseable {
  /** The stored offsets of these partitions of the connector; partitions with none are absent. */
  Map<Map<String, Object>, Map<String, Object>> get(
      String connector, Collection<Map<String, Object>> partitions);

  /** Every stored offset of the connector. */
  Map<Map<String, Object>, Map<String, Object>> all(String connector);

  /**
   * Stores these offsets of the connector, durably and all or nothing, before returning. A null
   * offset removes its partition.
   */
  void put(String connector, Map<Map<String, Object>, Map<String, Object>> offsets);

  /** Removes every offset of the connector (deleted, or reset over REST). */
  void remove(String connector);

  @Override
  void close();
}
