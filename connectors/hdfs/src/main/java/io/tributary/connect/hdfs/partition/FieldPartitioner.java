package io.tributary.connect.hdfs.partition;

import java.util.List;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * {@code partitioner.class=field}: one directory level per field of {@code partition.field.name},
 * {@code name=value}, in the configured order, e.g. {@code country=FR/city=Paris}. Fields are read
 * from struct or map values, nested ones by dotted names; their values must be strings, integers or
 * booleans (what makes a stable directory name). Immutable.
 */
public final class FieldPartitioner implements Partitioner {
  private final List<String> fieldNames;

  /** Partitions by {@code fieldNames} (at least one). */
  public FieldPartitioner(List<String> fieldNames) {
    if (fieldNames.isEmpty()) {
      throw new IllegalArgumentException("fieldNames is empty");
    }
    this.fieldNames = List.copyOf(fieldNames);
  }

  @Override
  public String encodePartition(SinkRecord record, long nowMs) {
    StringBuilder path = new StringBuilder();
    for (String name : fieldNames) {
      Object value = RecordFields.value(record, name);
      if (path.length() > 0) {
        path.append('/');
      }
      path.append(name).append('=').append(encode(record, name, value));
    }
    return path.toString();
  }

  private static String encode(SinkRecord record, String name, Object value) {
    if (value instanceof String
        || value instanceof Byte
        || value instanceof Short
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Boolean) {
      String text = value.toString();
      if (text.isEmpty() || text.contains("/") || text.equals(".") || text.equals("..")) {
        throw new DataException(
            "Field '"
                + name
                + "' of "
                + RecordFields.describe(record)
                + " is '"
                + text
                + "', which cannot be a directory name (empty, '.', '..' or containing '/')");
      }
      return text;
    }
    throw new DataException(
        "Field '"
            + name
            + "' of "
            + RecordFields.describe(record)
            + " is "
            + (value == null ? "null" : "a " + value.getClass().getSimpleName())
            + "; partition fields must hold a string, an integer or a boolean");
  }

  @Override
  public String toString() {
    return "field" + fieldNames;
  }
}
