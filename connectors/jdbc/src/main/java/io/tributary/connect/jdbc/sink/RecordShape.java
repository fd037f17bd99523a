package io.tributary.connect.jdbc.sink;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.jdbc.sink.SinkColumn.Origin;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The columns records of one key schema and value schema become under a {@code pk.mode}: primary
 * key columns first, then the other value fields (restricted by {@code fields.whitelist}). A shape
 * is computed once per distinct pair of schemas and reused. Immutable.
 */
public record RecordShape(List<SinkColumn> keyColumns, List<SinkColumn> valueColumns) {
  public RecordShape {
    keyColumns = List.copyOf(requireNonNull(keyColumns, "keyColumns is null"));
    valueColumns = List.copyOf(requireNonNull(valueColumns, "valueColumns is null"));
  }

  /** Primary key columns, then value columns. */
  public List<SinkColumn> allColumns() {
    List<SinkColumn> all = new ArrayList<>(keyColumns);
    all.addAll(valueColumns);
    return all;
  }

  /**
   * The shape of {@code record}'s schemas; for a tombstone (null value) only the key columns.
   *
   * @throws ConnectException when the record cannot be written under this mode, naming the record
   *     and the fix
   */
  public static RecordShape of(
      PkMode pkMode, List<String> pkFields, List<String> whitelist, SinkRecord record) {
    Schema keySchema = record.keySchema();
    Schema valueSchema = record.value() == null ? null : valueSchemaOf(record);
    List<SinkColumn> keys = new ArrayList<>();
    switch (pkMode) {
      case NONE -> {}
      case KAFKA -> {
        List<String> names = pkFields.isEmpty() ? JdbcSinkConfig.KAFKA_PK_DEFAULTS : pkFields;
        keys.add(new SinkColumn(names.get(0), Schema.STRING_SCHEMA, true, Origin.KAFKA_TOPIC));
        keys.add(new SinkColumn(names.get(1), Schema.INT32_SCHEMA, true, Origin.KAFKA_PARTITION));
        keys.add(new SinkColumn(names.get(2), Schema.INT64_SCHEMA, true, Origin.KAFKA_OFFSET));
      }
      case RECORD_KEY -> keys.addAll(keyColumnsOfKey(pkFields, keySchema, record));
      case RECORD_VALUE -> {
        if (valueSchema == null) {
          throw new ConnectException(
              "pk.mode=record_value reads the primary key from the record value, but "
                  + where(record)
                  + " has a null value (a tombstone); use pk.mode=record_key with"
                  + " delete.enabled=true to delete rows");
        }
        Set<String> wanted = new LinkedHashSet<>(pkFields);
        if (wanted.isEmpty()) {
          valueSchema.fields().forEach(f -> wanted.add(f.name()));
        }
        for (String name : wanted) {
          Field field = valueSchema.field(name);
          if (field == null) {
            throw new ConnectException(
                "pk.fields names "
                    + name
                    + ", which the value schema of "
                    + where(record)
                    + " does not have (fields: "
                    + names(valueSchema)
                    + "); fix pk.fields");
          }
          keys.add(new SinkColumn(name, checkedType(field, record), true, Origin.VALUE_FIELD));
        }
      }
      default -> throw new IllegalStateException("unknown pk.mode " + pkMode);
    }
    List<SinkColumn> values = new ArrayList<>();
    if (valueSchema != null) {
      Set<String> keyNames = new HashSet<>();
      keys.forEach(k -> keyNames.add(k.name()));
      Set<String> allowed = new HashSet<>(whitelist);
      for (Field field : valueSchema.fields()) {
        if (keyNames.contains(field.name())
            || (!allowed.isEmpty() && !allowed.contains(field.name()))) {
          continue;
        }
        values.add(
            new SinkColumn(field.name(), checkedType(field, record), false, Origin.VALUE_FIELD));
      }
    }
    return new RecordShape(keys, values);
  }

  private static List<SinkColumn> keyColumnsOfKey(
      List<String> pkFields, Schema keySchema, SinkRecord record) {
    if (keySchema == null || record.key() == null) {
      throw new ConnectException(
          "pk.mode=record_key reads the primary key from the record key, but "
              + where(record)
              + " has no key"
              + (keySchema == null ? " schema (use a key converter with schemas)" : ""));
    }
    List<SinkColumn> keys = new ArrayList<>();
    if (keySchema.type() == Schema.Type.STRUCT) {
      List<String> names = new ArrayList<>(pkFields);
      if (names.isEmpty()) {
        keySchema.fields().forEach(f -> names.add(f.name()));
      }
      for (String name : names) {
        Field field = keySchema.field(name);
        if (field == null) {
          throw new ConnectException(
              "pk.fields names "
                  + name
                  + ", which the key schema of "
                  + where(record)
                  + " does not have (fields: "
                  + names(keySchema)
                  + "); fix pk.fields");
        }
        keys.add(new SinkColumn(name, checkedType(field, record), true, Origin.KEY_FIELD));
      }
      return keys;
    }
    if (pkFields.size() != 1) {
      throw new ConnectException(
          "The key of "
              + where(record)
              + " is a primitive ("
              + keySchema.type()
              + "), so pk.fields must name exactly one column for it; pk.fields is "
              + pkFields);
    }
    checkPrimitive(keySchema, pkFields.get(0), record);
    keys.add(new SinkColumn(pkFields.get(0), keySchema, true, Origin.KEY));
    return keys;
  }

  private static Schema valueSchemaOf(SinkRecord record) {
    Schema schema = record.valueSchema();
    if (schema == null && record.value() instanceof Struct struct) {
      schema = struct.schema();
    }
    if (schema == null || schema.type() != Schema.Type.STRUCT) {
      throw new ConnectException(
          "The JDBC sink writes records whose values are structs with a schema, but the value of "
              + where(record)
              + " is "
              + (schema == null ? "schemaless" : "a " + schema.type())
              + "; use a value converter with schemas (e.g. JsonConverter with"
              + " value.converter.schemas.enable=true, or Avro)");
    }
    return schema;
  }

  private static Schema checkedType(Field field, SinkRecord record) {
    checkPrimitive(field.schema(), field.name(), record);
    return field.schema();
  }

  private static void checkPrimitive(Schema schema, String name, SinkRecord record) {
    if (schema.type() == Schema.Type.ARRAY && schema.valueSchema().type().isPrimitive()) {
      // An array of primitives: a PostgreSQL array column (ColumnTypes says which databases).
      return;
    }
    if (!schema.type().isPrimitive()) {
      throw new ConnectException(
          "Field "
              + name
              + " of "
              + where(record)
              + " is a "
              + schema.type()
              + "; the JDBC sink writes primitive and logical types and arrays of them only"
              + " (flatten it with the"
              + " Flatten transform, or leave it out with fields.whitelist)");
    }
  }

  private static List<String> names(Schema schema) {
    return schema.fields().stream().map(Field::name).toList();
  }

  /** topic-partition@offset, for messages. */
  static String where(SinkRecord record) {
    return "record " + record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
  }

  /** The schema of an optional copy, for columns added to existing tables. */
  static Schema optional(Schema schema) {
    if (schema.isOptional()) {
      return schema;
    }
    SchemaBuilder builder =
        new SchemaBuilder(schema.type()).optional().name(schema.name()).version(schema.version());
    if (schema.parameters() != null) {
      builder.parameters(schema.parameters());
    }
    return builder.build();
  }
}
