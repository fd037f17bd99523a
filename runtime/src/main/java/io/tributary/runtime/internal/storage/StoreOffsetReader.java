package io.tributary.runtime.internal.storage;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * A source connector's or task's view of its committed offsets ({@code
 * context.offsetStorageReader()}), read from the {@link OffsetStore}; partitions without an offset
 * are absent from {@link #offsets}. Offsets come back as stored: integers as {@code Long}.
 * Thread-safe.
 */
public final class StoreOffsetReader implements OffsetStorageReader {
  private final OffsetStore store;
  private final String connector;

  public StoreOffsetReader(OffsetStore store, String connector) {
    this.store = requireNonNull(store, "store is null");
    this.connector = requireNonNull(connector, "connector is null");
  }

  @Override
  public <T> Map<String, Object> offset(Map<String, T> partition) {
    @SuppressWarnings("unchecked")
    Map<String, Object> key = (Map<String, Object>) partition;
    return store.get(connector, List.of(key)).get(key);
  }

  @Override
  public <T> Map<Map<String, T>, Map<String, Object>> offsets(
      Collection<Map<String, T>> partitions) {
    Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
    for (Map<String, T> partition : partitions) {
      Map<String, Object> offset = offset(partition);
      if (offset != null) {
        result.put(partition, offset);
      }
    }
    return result;
  }
}
