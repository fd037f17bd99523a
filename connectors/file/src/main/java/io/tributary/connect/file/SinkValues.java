package io.tributary.connect.file;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Turns Connect values into plain Java values a JSON writer handles: structs and maps become
 * ordered maps with string keys, lists stay lists, bytes become base64 strings, {@code Date}
 * (Connect's Date, Time and Timestamp logical types) become ISO-8601 strings in UTC, or epoch
 * milliseconds without a schema; numbers, strings and booleans stay as they are.
 */
final class SinkValues {
  private SinkValues() {}

  static Object toPlain(Object value, Schema schema) {
    if (value == null) {
      return null;
    }
    if (value instanceof Struct struct) {
      Map<String, Object> fields = new LinkedHashMap<>();
      for (Field field : struct.schema().fields()) {
        fields.put(field.name(), toPlain(struct.get(field), field.schema()));
      }
      return fields;
    }
    if (value instanceof Map<?, ?> map) {
      Schema valueSchema = schema == null ? null : schema.valueSchema();
      Map<String, Object> entries = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        entries.put(String.valueOf(entry.getKey()), toPlain(entry.getValue(), valueSchema));
      }
      return entries;
    }
    if (value instanceof List<?> list) {
      Schema valueSchema = schema == null ? null : schema.valueSchema();
      List<Object> items = new ArrayList<>(list.size());
      for (Object item : list) {
        items.add(toPlain(item, valueSchema));
      }
      return items;
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Date date) {
      return date(date, schema);
    }
    return value;
  }

  private static Object date(Date date, Schema schema) {
    String name = schema == null ? null : schema.name();
    Instant instant = date.toInstant();
    if (org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(name)) {
      return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
    if (Time.LOGICAL_NAME.equals(name)) {
      return instant.atOffset(ZoneOffset.UTC).toLocalTime().toString();
    }
    if (Timestamp.LOGICAL_NAME.equals(name)) {
      return instant.toString();
    }
    return date.getTime();
  }
}
