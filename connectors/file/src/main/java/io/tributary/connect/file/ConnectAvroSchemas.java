package io.tributary.connect.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema.Field;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Converts one Connect schema into an Avro schema. Mapping: INT8/INT16/INT32 -> int, INT64 -> long,
 * FLOAT32 -> float, FLOAT64 -> double, BOOLEAN, STRING, BYTES as themselves; Decimal -> bytes with
 * the decimal logical type (precision from the {@code connect.decimal.precision} parameter, 64
 * without it); Date -> int date; Time -> int time-millis; Timestamp -> long timestamp-millis; ARRAY
 * -> array; MAP with string keys -> map, other keys -> array of key/value records; STRUCT -> record
 * (named after the Connect schema's name, else after its path; a name already used by another
 * record gets a numeric suffix); optional -> a union of null and the type, defaulting to null. One
 * instance per converted schema; not thread-safe.
 */
final class ConnectAvroSchemas {
  static final String NAMESPACE = "io.tributary.connect.file";
  private static final String DEFAULT_PRECISION = "64";

  private final Map<String, Integer> usedNames = new HashMap<>();

  private ConnectAvroSchemas() {}

  static org.apache.avro.Schema toAvro(Schema schema) {
    if (schema == null) {
      throw new DataException(
          "format=avro needs records with a value schema: use a converter that yields schemas"
              + " (e.g. JsonConverter with schemas.enable=true)");
    }
    return new ConnectAvroSchemas().convert(schema, "Value");
  }

  private org.apache.avro.Schema convert(Schema schema, String path) {
    org.apache.avro.Schema avro = required(schema, path);
    if (schema.isOptional()) {
      return org.apache.avro.Schema.createUnion(
          org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL), avro);
    }
    return avro;
  }

  private org.apache.avro.Schema required(Schema schema, String path) {
    String logical = schema.name();
    if (Decimal.LOGICAL_NAME.equals(logical)) {
      int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
      String precision =
          schema.parameters().getOrDefault("connect.decimal.precision", DEFAULT_PRECISION);
      return LogicalTypes.decimal(Integer.parseInt(precision), scale)
          .addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES));
    }
    if (Date.LOGICAL_NAME.equals(logical)) {
      return LogicalTypes.date().addToSchema(SchemaBuilder.builder().intType());
    }
    if (Time.LOGICAL_NAME.equals(logical)) {
      return LogicalTypes.timeMillis().addToSchema(SchemaBuilder.builder().intType());
    }
    if (Timestamp.LOGICAL_NAME.equals(logical)) {
      return LogicalTypes.timestampMillis().addToSchema(SchemaBuilder.builder().longType());
    }
    return switch (schema.type()) {
      case INT8, INT16, INT32 -> SchemaBuilder.builder().intType();
      case INT64 -> SchemaBuilder.builder().longType();
      case FLOAT32 -> SchemaBuilder.builder().floatType();
      case FLOAT64 -> SchemaBuilder.builder().doubleType();
      case BOOLEAN -> SchemaBuilder.builder().booleanType();
      case STRING -> SchemaBuilder.builder().stringType();
      case BYTES -> SchemaBuilder.builder().bytesType();
      case ARRAY ->
          org.apache.avro.Schema.createArray(convert(schema.valueSchema(), path + "_item"));
      case MAP -> map(schema, path);
      case STRUCT -> record(schema, path);
    };
  }

  private org.apache.avro.Schema map(Schema schema, String path) {
    if (schema.keySchema().type() == Schema.Type.STRING && !schema.keySchema().isOptional()) {
      return org.apache.avro.Schema.createMap(convert(schema.valueSchema(), path + "_value"));
    }
    org.apache.avro.Schema entry =
        org.apache.avro.Schema.createRecord(uniqueName(path + "_entry"), null, NAMESPACE, false);
    entry.setFields(
        List.of(
            new Field("key", convert(schema.keySchema(), path + "_key")),
            new Field("value", convert(schema.valueSchema(), path + "_value"))));
    return org.apache.avro.Schema.createArray(entry);
  }

  private org.apache.avro.Schema record(Schema schema, String path) {
    String base = schema.name() != null ? schema.name() : path;
    String fullName = uniqueName(base);
    int dot = fullName.lastIndexOf('.');
    String namespace = dot < 0 ? NAMESPACE : fullName.substring(0, dot);
    org.apache.avro.Schema record =
        org.apache.avro.Schema.createRecord(
            fullName.substring(dot + 1), schema.doc(), namespace, false);
    List<Field> fields = new ArrayList<>();
    for (org.apache.kafka.connect.data.Field field : schema.fields()) {
      org.apache.avro.Schema fieldSchema = convert(field.schema(), path + "_" + field.name());
      Object defaultValue = field.schema().isOptional() ? Field.NULL_DEFAULT_VALUE : null;
      fields.add(new Field(field.name(), fieldSchema, field.schema().doc(), defaultValue));
    }
    record.setFields(fields);
    return record;
  }

  /** An Avro-legal, not yet used full name derived from {@code name}. */
  private String uniqueName(String name) {
    StringBuilder legal = new StringBuilder();
    for (String part : name.split("\\.", -1)) {
      if (legal.length() > 0) {
        legal.append('.');
      }
      legal.append(legalPart(part));
    }
    String candidate = legal.toString();
    int uses = usedNames.merge(candidate, 1, Integer::sum);
    return uses == 1 ? candidate : candidate + "_" + uses;
  }

  private static String legalPart(String part) {
    StringBuilder legal = new StringBuilder();
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      legal.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' ? c : '_');
    }
    if (legal.length() == 0 || Character.isDigit(legal.charAt(0))) {
      legal.insert(0, '_');
    }
    return legal.toString();
  }
}
