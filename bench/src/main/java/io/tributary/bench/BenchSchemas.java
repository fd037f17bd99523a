package io.tributary.bench;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The distinct Avro record schemas the registration benchmark registers: schema {@code i} of a set
 * is a record named after the round, the set and {@code i}, with 3 to 10 fields of the common types
 * (strings, ints, longs, doubles, booleans, an optional string, a timestamp), so every schema is
 * new to the registry and they are not all the same size.
 */
final class BenchSchemas {
  private static final int MIN_FIELDS = 3;
  private static final int FIELD_KINDS = 8;

  private BenchSchemas() {}

  /** Schemas {@code 0 .. count-1} of set {@code set} in round {@code round}. */
  static List<Schema> set(int round, String set, int count) {
    return IntStream.range(0, count).mapToObj(i -> schema(round, set, i)).toList();
  }

  /** The subject schema {@code i} of the set is registered under, as TopicNameStrategy names it. */
  static String subject(int round, String set, int i) {
    return "registry-bench-r" + round + "-" + set + "-" + i + "-value";
  }

  static Schema schema(int round, String set, int i) {
    SchemaBuilder.FieldAssembler<Schema> fields =
        SchemaBuilder.record("Record" + i)
            .namespace("io.tributary.bench.r" + round + "." + javaName(set))
            .fields();
    int count = MIN_FIELDS + i % FIELD_KINDS;
    for (int f = 0; f < count; f++) {
      String name = "f" + f;
      switch (f % FIELD_KINDS) {
        case 0 -> fields = fields.requiredLong(name);
        case 1 -> fields = fields.requiredString(name);
        case 2 -> fields = fields.requiredInt(name);
        case 3 -> fields = fields.requiredDouble(name);
        case 4 -> fields = fields.requiredBoolean(name);
        case 5 -> fields = fields.optionalString(name);
        case 6 ->
            fields =
                fields
                    .name(name)
                    .type(
                        LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)))
                    .noDefault();
        default -> fields = fields.name(name).type().stringType().stringDefault("");
      }
    }
    return fields.endRecord();
  }

  private static String javaName(String set) {
    return set.replaceAll("[^A-Za-z0-9_]", "_");
  }
}
