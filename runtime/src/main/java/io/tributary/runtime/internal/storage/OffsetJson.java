package io.tributary.runtime.internal.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;

/**
 * The JSON form of source partitions and offsets. Integers read back as {@code Long} and fractions
 * as {@code Double}, as Kafka Connect hands stored offsets to connectors (connectors such as
 * FileStreamSource rely on it); map keys are sorted so one partition has one form.
 */
final class OffsetJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private OffsetJson() {}

  /** The canonical JSON text of a partition or offset map. */
  static String canonical(Map<String, ?> map) {
    try {
      return MAPPER.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "A source partition or offset must hold only strings, numbers, booleans, lists and"
              + " maps; cannot store "
              + map.keySet()
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }

  /** A map as a connector reads it back from storage. */
  static Map<String, Object> normalized(Map<String, ?> map) {
    try {
      return MAPPER.readValue(canonical(map), MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot read back " + map.keySet(), e);
    }
  }
}
