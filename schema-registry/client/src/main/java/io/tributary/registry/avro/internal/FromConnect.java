package io.tributary.registry.avro.internal;

import static io.tributary.registry.avro.internal.ConnectAvroNames.CONNECT_DEFAULT;
import static io.tributary.registry.avro.internal.ConnectAvroNames.CONNECT_DOC;
import static io.tributary.registry.avro.internal.ConnectAvroNames.CONNECT_INTERNAL_TYPE;
import static io.tributary.registry.avro.internal.ConnectAvroNames.CONNECT_NAME;
import static io.tributary.registry.avro.internal.ConnectAvroNames.CONNECT_PARAMETERS;
import static io.tributary.registry.avro.internal.ConnectAvroNames.CONNECT_TYPE;
import static io.tributary.registry.avro.internal.ConnectAvroNames.CONNECT_VERSION;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect schemas to Avro schemas (values: {@link ConnectValuesToAvro}). One instance converts one
 * top-level schema (it remembers the records it defined, so a struct used twice is defined once).
 * Not thread-safe; use one per conversion.
 */
public final class FromConnect {

  private final Map<Object, org.apache.avro.Schema> records = new HashMap<>();
  private int unnamedRecords;

  /** The Avro schema for {@code schema}, unions with null first for optional schemas. */
  public org.apache.avro.Schema schema(Schema schema) {
    if (schema == null) {
      throw new DataException(
          "The Avro converter needs a schema for every key and value; this one has none. Use a"
              + " converter with schemas (or a transform that adds one) before Avro.");
    }
    org.apache.avro.Schema base = baseSchema(schema);
    if (!schema.isOptional() || base.getType() == org.apache.avro.Schema.Type.UNION) {
      return base;
    }
    org.apache.avro.Schema nullSchema =
        org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL);
    // An Avro field default belongs to the first branch: a non-null default goes first.
    return schema.defaultValue() != null
        ? org.apache.avro.Schema.createUnion(base, nullSchema)
        : org.apache.avro.Schema.createUnion(nullSchema, base);
  }

  private org.apache.avro.Schema baseSchema(Schema schema) {
    String connectType = null;
    org.apache.avro.Schema base;
    switch (schema.type()) {
      case INT8 -> {
        connectType = ConnectAvroNames.CONNECT_TYPE_INT8;
        base = primitive(org.apache.avro.Schema.Type.INT);
      }
      case INT16 -> {
        connectType = ConnectAvroNames.CONNECT_TYPE_INT16;
        base = primitive(org.apache.avro.Schema.Type.INT);
      }
      case INT32 -> base = primitive(org.apache.avro.Schema.Type.INT);
      case INT64 -> base = primitive(org.apache.avro.Schema.Type.LONG);
      case FLOAT32 -> base = primitive(org.apache.avro.Schema.Type.FLOAT);
      case FLOAT64 -> base = primitive(org.apache.avro.Schema.Type.DOUBLE);
      case BOOLEAN -> base = primitive(org.apache.avro.Schema.Type.BOOLEAN);
      case STRING ->
          base =
              isEnum(schema) ? enumSchema(schema) : primitive(org.apache.avro.Schema.Type.STRING);
      case BYTES -> base = primitive(org.apache.avro.Schema.Type.BYTES);
      case ARRAY -> base = org.apache.avro.Schema.createArray(schema(schema.valueSchema()));
      case MAP -> base = mapSchema(schema);
      case STRUCT -> {
        if (ConnectAvroNames.UNION.equals(schema.name())) {
          return unionSchema(schema);
        }
        base = recordSchema(schema);
      }
      default -> throw new DataException("Unsupported Connect schema type " + schema.type());
    }
    if (base.getType() != org.apache.avro.Schema.Type.RECORD) {
      annotate(schema, base, connectType); // records are annotated when defined
    }
    addLogicalType(schema, base);
    return base;
  }

  private static org.apache.avro.Schema primitive(org.apache.avro.Schema.Type type) {
    return org.apache.avro.Schema.create(type);
  }

  private static void annotate(Schema schema, org.apache.avro.Schema base, String connectType) {
    if (base.getObjectProps().containsKey(CONNECT_NAME)
        || base.getObjectProps().containsKey(CONNECT_TYPE)) {
      return; // a record defined earlier and reused
    }
    if (schema.doc() != null) {
      base.addProp(CONNECT_DOC, schema.doc());
    }
    if (schema.version() != null) {
      base.addProp(CONNECT_VERSION, schema.version());
    }
    Map<String, String> params =
        schema.parameters() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(schema.parameters());
    boolean defaultFromAvroField = params.remove(ConnectAvroNames.FIELD_DEFAULT_FLAG) != null;
    if (!params.isEmpty()) {
      base.addProp(CONNECT_PARAMETERS, params);
    }
    params.forEach(
        (key, value) -> {
          if (key.startsWith(ConnectAvroNames.AVRO_PROPERTY_PREFIX)) {
            base.addProp(key, value);
          }
        });
    if (schema.defaultValue() != null && !defaultFromAvroField) {
      base.addProp(CONNECT_DEFAULT, defaultValue(schema, schema.defaultValue()));
    }
    if (schema.name() != null) {
      base.addProp(CONNECT_NAME, schema.name());
    }
    if (connectType != null) {
      base.addProp(CONNECT_TYPE, connectType);
    }
  }

  private static void addLogicalType(Schema schema, org.apache.avro.Schema base) {
    if (schema.name() == null) {
      return;
    }
    switch (schema.name()) {
      case Decimal.LOGICAL_NAME -> {
        int precision = decimalPrecision(schema);
        int scale = decimalScale(schema);
        if (scale >= 0 && scale <= precision) {
          LogicalTypes.decimal(precision, scale).addToSchema(base);
        } else {
          // Outside what Avro's decimal allows: keep the facts as plain properties.
          base.addProp("logicalType", "decimal");
          base.addProp("precision", precision);
          base.addProp("scale", scale);
        }
      }
      case Date.LOGICAL_NAME -> LogicalTypes.date().addToSchema(base);
      case Time.LOGICAL_NAME -> LogicalTypes.timeMillis().addToSchema(base);
      case Timestamp.LOGICAL_NAME -> LogicalTypes.timestampMillis().addToSchema(base);
      default -> {}
    }
  }

  private static int decimalScale(Schema schema) {
    String scale =
        schema.parameters() == null ? null : schema.parameters().get(Decimal.SCALE_FIELD);
    return scale == null ? 0 : Integer.parseInt(scale);
  }

  private static int decimalPrecision(Schema schema) {
    String precision =
        schema.parameters() == null
            ? null
            : schema.parameters().get(ConnectAvroNames.DECIMAL_PRECISION);
    return precision == null
        ? ConnectAvroNames.DECIMAL_PRECISION_DEFAULT
        : Integer.parseInt(precision);
  }

  private static boolean isEnum(Schema schema) {
    return schema.parameters() != null && schema.parameters().containsKey(ConnectAvroNames.ENUM);
  }

  private org.apache.avro.Schema enumSchema(Schema schema) {
    String fullName = schema.parameters().get(ConnectAvroNames.ENUM);
    org.apache.avro.Schema known = records.get(fullName);
    if (known != null) {
      return known;
    }
    List<String> symbols = new ArrayList<>();
    schema
        .parameters()
        .forEach(
            (key, value) -> {
              if (key.startsWith(ConnectAvroNames.ENUM_SYMBOL_PREFIX)) {
                symbols.add(value);
              }
            });
    String[] names = splitName(fullName);
    String doc = schema.parameters().get(ConnectAvroNames.ENUM_DOC_PREFIX + names[1]);
    String defaultSymbol = schema.parameters().get(ConnectAvroNames.ENUM_DEFAULT_PREFIX + names[1]);
    org.apache.avro.Schema avro;
    try {
      avro = org.apache.avro.Schema.createEnum(names[1], doc, names[0], symbols, defaultSymbol);
    } catch (AvroRuntimeException e) {
      throw new DataException("Cannot make Avro enum " + fullName + ": " + e.getMessage(), e);
    }
    records.put(fullName, avro);
    return avro;
  }

  private org.apache.avro.Schema mapSchema(Schema schema) {
    Schema keySchema = schema.keySchema();
    if (keySchema.type() == Schema.Type.STRING && !keySchema.isOptional() && !isEnum(keySchema)) {
      return org.apache.avro.Schema.createMap(schema(schema.valueSchema()));
    }
    // Avro maps have string keys only: other keys become an array of key/value records.
    org.apache.avro.Schema entry;
    if (schema.name() == null) {
      entry =
          org.apache.avro.Schema.createRecord(
              ConnectAvroNames.MAP_ENTRY_NAME, null, ConnectAvroNames.NAMESPACE, false);
    } else {
      String[] names = splitName(schema.name());
      entry = org.apache.avro.Schema.createRecord(names[1], null, names[0], false);
      entry.addProp(CONNECT_INTERNAL_TYPE, ConnectAvroNames.MAP_ENTRY_NAME);
    }
    entry.setFields(
        List.of(
            field(ConnectAvroNames.MAP_KEY_FIELD, keySchema, null),
            field(ConnectAvroNames.MAP_VALUE_FIELD, schema.valueSchema(), null)));
    return org.apache.avro.Schema.createArray(entry);
  }

  private org.apache.avro.Schema unionSchema(Schema schema) {
    List<org.apache.avro.Schema> branches = new ArrayList<>();
    if (schema.isOptional()) {
      branches.add(primitive(org.apache.avro.Schema.Type.NULL));
    }
    for (Field field : schema.fields()) {
      branches.add(baseSchema(field.schema()));
    }
    return org.apache.avro.Schema.createUnion(branches);
  }

  private org.apache.avro.Schema recordSchema(Schema schema) {
    Object key = recordKey(schema);
    org.apache.avro.Schema known = records.get(key);
    if (known != null) {
      return known;
    }
    String namespace = ConnectAvroNames.NAMESPACE;
    String name;
    if (schema.name() != null) {
      String[] names = splitName(schema.name());
      namespace = names[0];
      name = names[1];
    } else {
      unnamedRecords++;
      name = ConnectAvroNames.DEFAULT_RECORD_NAME + (unnamedRecords == 1 ? "" : unnamedRecords);
    }
    Map<String, String> params = schema.parameters() == null ? Map.of() : schema.parameters();
    org.apache.avro.Schema record;
    try {
      record =
          org.apache.avro.Schema.createRecord(
              name, params.get(ConnectAvroNames.RECORD_DOC), namespace, false);
    } catch (AvroRuntimeException e) {
      throw new DataException(
          "Connect schema name '" + schema.name() + "' is not a valid Avro name: " + e.getMessage(),
          e);
    }
    records.put(key, record);
    annotate(schema, record, null);
    List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
    for (Field field : schema.fields()) {
      fields.add(
          field(
              field.name(),
              field.schema(),
              params.get(ConnectAvroNames.FIELD_DOC_PREFIX + field.name())));
    }
    record.setFields(fields);
    return record;
  }

  /** Structs are equal for reuse when all but optionality and default agree. */
  private static Object recordKey(Schema schema) {
    return List.of(
        String.valueOf(schema.name()),
        String.valueOf(schema.version()),
        String.valueOf(schema.doc()),
        String.valueOf(schema.parameters()),
        schema.fields());
  }

  private org.apache.avro.Schema.Field field(String name, Schema fieldSchema, String doc) {
    Object defaultValue = null;
    if (fieldSchema.defaultValue() != null) {
      defaultValue = defaultValue(fieldSchema, fieldSchema.defaultValue());
    } else if (fieldSchema.isOptional()) {
      defaultValue = JsonProperties.NULL_VALUE;
    }
    try {
      return new org.apache.avro.Schema.Field(name, schema(fieldSchema), doc, defaultValue);
    } catch (AvroRuntimeException e) {
      throw new DataException("Cannot make Avro field '" + name + "': " + e.getMessage(), e);
    }
  }

  /** A Connect default as the Java object Avro writes as a JSON default. */
  static Object defaultValue(Schema schema, Object value) {
    if (value == null) {
      return JsonProperties.NULL_VALUE;
    }
    Object avro = ConnectValuesToAvro.logicalToAvro(schema, value);
    return switch (schema.type()) {
      case INT8, INT16 -> ((Number) avro).intValue();
      case INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING -> avro;
      case BYTES -> avro instanceof ByteBuffer buffer ? bytes(buffer) : avro;
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (Object element : (List<?>) avro) {
          list.add(defaultValue(schema.valueSchema(), element));
        }
        yield list;
      }
      case MAP -> {
        boolean stringKeys =
            schema.keySchema().type() == Schema.Type.STRING && !schema.keySchema().isOptional();
        Map<String, Object> object = new LinkedHashMap<>();
        List<Object> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) avro).entrySet()) {
          Object entryValue = defaultValue(schema.valueSchema(), e.getValue());
          if (stringKeys) {
            object.put((String) e.getKey(), entryValue);
          } else {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(ConnectAvroNames.MAP_KEY_FIELD, defaultValue(schema.keySchema(), e.getKey()));
            entry.put(ConnectAvroNames.MAP_VALUE_FIELD, entryValue);
            entries.add(entry);
          }
        }
        yield stringKeys ? object : entries;
      }
      case STRUCT -> {
        Struct struct = (Struct) avro;
        Map<String, Object> object = new LinkedHashMap<>();
        for (Field field : schema.fields()) {
          object.put(field.name(), defaultValue(field.schema(), struct.get(field)));
        }
        yield object;
      }
    };
  }

  static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  static String[] splitName(String fullName) {
    int dot = fullName.lastIndexOf('.');
    return dot < 0
        ? new String[] {null, fullName}
        : new String[] {fullName.substring(0, dot), fullName.substring(dot + 1)};
  }
}
