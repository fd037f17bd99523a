package io.tributary.connect.hdfs.format;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;

/** Records with every Connect type, shared by the format tests. */
final class TestingRecords {
  static final Schema ADDRESS =
      SchemaBuilder.struct()
          .name("io.tributary.test.Address")
          .field("city", Schema.STRING_SCHEMA)
          .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
          .build();

  static final Schema ALL_TYPES =
      SchemaBuilder.struct()
          .name("io.tributary.test.AllTypes")
          .version(1)
          .field("i8", Schema.INT8_SCHEMA)
          .field("i16", Schema.INT16_SCHEMA)
          .field("i32", Schema.INT32_SCHEMA)
          .field("i64", Schema.INT64_SCHEMA)
          .field("f32", Schema.FLOAT32_SCHEMA)
          .field("f64", Schema.FLOAT64_SCHEMA)
          .field("flag", Schema.BOOLEAN_SCHEMA)
          .field("text", Schema.STRING_SCHEMA)
          .field("raw", Schema.BYTES_SCHEMA)
          .field("amount", Decimal.schema(2))
          .field("day", org.apache.kafka.connect.data.Date.SCHEMA)
          .field("clock", Time.SCHEMA)
          .field("at", Timestamp.SCHEMA)
          .field("note", Schema.OPTIONAL_STRING_SCHEMA)
          .field("address", ADDRESS)
          .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
          .field("scores", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build())
          .build();

  /** Optional and nested shapes: optional struct, nullable array items, non-string map keys. */
  static final Schema EDGES =
      SchemaBuilder.struct()
          .name("io.tributary.test.Edges")
          .version(2)
          .field("id", Schema.INT64_SCHEMA)
          .field(
              "home",
              SchemaBuilder.struct()
                  .name("io.tributary.test.Home")
                  .optional()
                  .field("address", ADDRESS)
                  .build())
          .field("maybe", SchemaBuilder.array(Schema.OPTIONAL_INT64_SCHEMA).build())
          .field("byId", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
          .field("price", Decimal.builder(3).optional().build())
          .field("when", Timestamp.builder().optional().build())
          .field(
              "matrix",
              SchemaBuilder.array(SchemaBuilder.array(Schema.FLOAT64_SCHEMA).build()).build())
          .build();

  /** 2026-11-22T10:15:30.123Z. */
  static final long AT_MILLIS = 1_795_342_530_123L;

  /** 2026-11-22 as days since the epoch. */
  static final int DAY = 20_779;

  /** 10:15:30.123 as milliseconds of the day. */
  static final int CLOCK_MILLIS = (10 * 3600 + 15 * 60 + 30) * 1000 + 123;

  private TestingRecords() {}

  static Struct allTypes(int i, String note) {
    return new Struct(ALL_TYPES)
        .put("i8", (byte) i)
        .put("i16", (short) (i * 10))
        .put("i32", i * 1000)
        .put("i64", i * 1_000_000_000L)
        .put("f32", i + 0.5f)
        .put("f64", i + 0.25)
        .put("flag", i % 2 == 0)
        .put("text", "row-" + i)
        .put("raw", ("bytes-" + i).getBytes(StandardCharsets.UTF_8))
        .put("amount", new BigDecimal("12.34").add(BigDecimal.valueOf(i)))
        .put("day", new Date(DAY * 86_400_000L))
        .put("clock", new Date(CLOCK_MILLIS))
        .put("at", new Date(AT_MILLIS))
        .put("note", note)
        .put("address", new Struct(ADDRESS).put("city", "Paris").put("zip", i % 2 == 0 ? i : null))
        .put("tags", List.of("a" + i, "b" + i))
        .put("scores", Map.of("k" + i, (long) i));
  }

  static Struct edges(long id, boolean empty) {
    Struct value = new Struct(EDGES).put("id", id);
    if (empty) {
      return value.put("maybe", List.of()).put("byId", Map.of()).put("matrix", List.of());
    }
    Schema home = EDGES.field("home").schema();
    java.util.List<Long> maybe = new java.util.ArrayList<>();
    maybe.add(1L);
    maybe.add(null);
    maybe.add(3L);
    return value
        .put("home", new Struct(home).put("address", new Struct(ADDRESS).put("city", "Lyon")))
        .put("maybe", maybe)
        .put("byId", Map.of(1, "one", 2, "two"))
        .put("price", new BigDecimal("-0.125"))
        .put("when", new Date(AT_MILLIS))
        .put("matrix", List.of(List.of(1.0, 2.0), List.of()));
  }

  static SinkRecord record(Schema schema, Object value, long offset) {
    return new SinkRecord("orders", 3, null, null, schema, value, offset, AT_MILLIS, null);
  }
}
