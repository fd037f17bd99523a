package io.tributary.connect.hdfs.partition;

import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Looks up a field of a record's value by name, descending into nested structs and maps at each dot
 * ({@code address.city}). Works on struct values and schemaless maps.
 */
final class RecordFields {
  private RecordFields() {}

  /**
   * The value of {@code path} in the record's value (may be null when the field is there but null).
   *
   * @throws DataException naming the field and record when the value is not a struct or map or the
   *     field does not exist
   */
  static Object value(SinkRecord record, String path) {
    Object current = record.value();
    String[] names = path.split("\\.", -1);
    for (String name : names) {
      if (current instanceof Struct struct) {
        Field field = struct.schema().field(name);
        if (field == null) {
          throw missing(record, path);
        }
        current = struct.get(field);
      } else if (current instanceof Map<?, ?> map) {
        if (!map.containsKey(name)) {
          throw missing(record, path);
        }
        current = map.get(name);
      } else {
        throw new DataException(
            "Cannot read field '"
                + path
                + "' of "
                + describe(record)
                + ": "
                + (current == null
                    ? "the value (or a parent field) is null"
                    : "not a struct or map")
                + "; fix the field name or route such records elsewhere");
      }
    }
    return current;
  }

  static String describe(SinkRecord record) {
    return "record " + record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
  }

  private static DataException missing(SinkRecord record, String path) {
    return new DataException(
        "The value of " + describe(record) + " has no field '" + path + "' to partition by");
  }
}
