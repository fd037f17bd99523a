package io.tributary.connect.file;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Adds a record's source (host, file, byte offset and line of its first line) to its value, for
 * {@code source.metadata=fields}: a raw line becomes a struct with a {@code message} field; a JSON
 * object gets four more keys (other JSON values are wrapped as {@code message}); a CSV struct gets
 * four more fields. Field names use '_' (Avro-safe). Not thread-safe (caches extended schemas).
 */
final class SourceFields {

  static final String MESSAGE = "message";
  static final String HOST = "source_host";
  static final String FILE = "source_file";
  static final String OFFSET = "source_offset";
  static final String LINE = "source_line";

  private static final Schema RAW =
      withSource(SchemaBuilder.struct().name("io.tributary.connect.file.Line"))
          .field(MESSAGE, Schema.STRING_SCHEMA)
          .build();

  private final Map<Schema, Schema> extended = new HashMap<>();

  EventFormat.Parsed add(
      EventFormat.Parsed parsed, String host, String file, long offset, long line) {
    Schema schema = parsed.valueSchema();
    Object value = parsed.value();
    if (schema == null) {
      Map<String, Object> map = new LinkedHashMap<>();
      if (value instanceof Map<?, ?> object) {
        object.forEach((k, v) -> map.put(String.valueOf(k), v));
      } else {
        map.put(MESSAGE, value);
      }
      map.put(HOST, host);
      map.put(FILE, file);
      map.put(OFFSET, offset);
      map.put(LINE, line);
      return new EventFormat.Parsed(null, map, parsed.key());
    }
    Struct struct;
    if (schema.type() == Schema.Type.STRUCT) {
      Schema target = extended.computeIfAbsent(schema, SourceFields::extend);
      struct = new Struct(target);
      Struct original = (Struct) value;
      for (Field field : schema.fields()) {
        struct.put(field.name(), original.get(field));
      }
    } else {
      struct = new Struct(RAW).put(MESSAGE, value);
    }
    struct.put(HOST, host).put(FILE, file).put(OFFSET, offset).put(LINE, line);
    return new EventFormat.Parsed(struct.schema(), struct, parsed.key());
  }

  private static Schema extend(Schema schema) {
    SchemaBuilder builder = SchemaBuilder.struct().name(schema.name());
    for (Field field : schema.fields()) {
      builder.field(field.name(), field.schema());
    }
    return withSource(builder).build();
  }

  private static SchemaBuilder withSource(SchemaBuilder builder) {
    return builder
        .field(HOST, Schema.STRING_SCHEMA)
        .field(FILE, Schema.STRING_SCHEMA)
        .field(OFFSET, Schema.INT64_SCHEMA)
        .field(LINE, Schema.INT64_SCHEMA);
  }
}
