package io.tributary.connect.jdbc.source;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * An in-memory offset store standing in for the worker's: {@link #commit} keeps the last offset of
 * each partition of the records given, as the worker does when it flushes offsets. Thread-safe.
 */
final class TestingOffsets implements OffsetStorageReader {
  private final Map<Map<String, Object>, Map<String, Object>> offsets = new ConcurrentHashMap<>();

  void commit(List<SourceRecord> records) {
    for (SourceRecord record : records) {
      offsets.put(new HashMap<>(record.sourcePartition()), roundTrip(record.sourceOffset()));
    }
  }

  /** Offsets come back from a JSON store: integers as longs. */
  private static Map<String, Object> roundTrip(Map<String, ?> offset) {
    Map<String, Object> copy = new HashMap<>();
    offset.forEach(
        (k, v) ->
            copy.put(k, v instanceof Integer || v instanceof Short ? ((Number) v).longValue() : v));
    return copy;
  }

  Map<Map<String, Object>, Map<String, Object>> all() {
    return Map.copyOf(offsets);
  }

  @Override
  public <T> Map<String, Object> offset(Map<String, T> partition) {
    return offsets.get(new HashMap<String, Object>(partition));
  }

  @Override
  public <T> Map<Map<String, T>, Map<String, Object>> offsets(
      Collection<Map<String, T>> partitions) {
    Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
    for (Map<String, T> partition : partitions) {
      Map<String, Object> offset = offset(partition);
      if (offset != null) {
        found.put(partition, offset);
      }
    }
    return found;
  }
}
