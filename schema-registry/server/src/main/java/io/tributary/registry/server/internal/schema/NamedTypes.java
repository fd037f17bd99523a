package io.tributary.registry.server.internal.schema;

import java.util.Map;
import org.apache.avro.Schema;

/** Finds the named types (records, enums, fixed) a schema defines, nested ones included. */
final class NamedTypes {

  private NamedTypes() {}

  /** Adds every named type reachable from {@code schema} to {@code into}, by full name. */
  static void collect(Schema schema, Map<String, Schema> into) {
    switch (schema.getType()) {
      case RECORD -> {
        if (into.putIfAbsent(schema.getFullName(), schema) == null) {
          for (Schema.Field field : schema.getFields()) {
            collect(field.schema(), into);
          }
        }
      }
      case ENUM, FIXED -> into.putIfAbsent(schema.getFullName(), schema);
      case ARRAY -> collect(schema.getElementType(), into);
      case MAP -> collect(schema.getValueType(), into);
      case UNION -> schema.getTypes().forEach(branch -> collect(branch, into));
      default -> {
        // primitives define no names
      }
    }
  }
}
