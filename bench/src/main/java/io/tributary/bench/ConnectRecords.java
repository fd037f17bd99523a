package io.tributary.bench;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The Connect records both converters convert: a struct of 11 fields (strings, ints, longs,
 * doubles, booleans, an optional string that is null in every other record, a timestamp), as a
 * source connector reading an orders table would produce.
 */
final class ConnectRecords {
  static final Schema SCHEMA =
      SchemaBuilder.struct()
          .name("io.tributary.bench.Order")
          .field("id", Schema.INT64_SCHEMA)
          .field("customer", Schema.STRING_SCHEMA)
          .field("email", Schema.STRING_SCHEMA)
          .field("quantity", Schema.INT32_SCHEMA)
          .field("price", Schema.FLOAT64_SCHEMA)
          .field("discount", Schema.FLOAT64_SCHEMA)
          .field("paid", Schema.BOOLEAN_SCHEMA)
          .field("gift", Schema.BOOLEAN_SCHEMA)
          .field("warehouse", Schema.INT32_SCHEMA)
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .field("created", Timestamp.SCHEMA)
          .build();

  private static final long EPOCH_2026_MILLIS = 1_767_225_600_000L;

  private ConnectRecords() {}

  /** {@code count} distinct values, the same for every call with the same count. */
  static List<Struct> values(int count) {
    List<Struct> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Struct value =
          new Struct(SCHEMA)
              .put("id", 1_000_000L + i)
              .put("customer", "customer-" + (i % 997))
              .put("email", "buyer" + i + "@example.com")
              .put("quantity", 1 + i % 50)
              .put("price", 9.99 + (i % 1000) / 100.0)
              .put("discount", (i % 7) / 100.0)
              .put("paid", i % 3 != 0)
              .put("gift", i % 11 == 0)
              .put("warehouse", i % 17)
              .put("note", i % 2 == 0 ? null : "leave at the door, order " + i)
              .put("created", new Date(EPOCH_2026_MILLIS + i * 1_000L));
      value.validate();
      values.add(value);
    }
    return values;
  }
}
