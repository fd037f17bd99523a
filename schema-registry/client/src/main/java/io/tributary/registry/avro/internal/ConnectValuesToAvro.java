package io.tributary.registry.avro.internal;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/** Connect values to Avro generic values, given both schemas. Stateless and thread-safe. */
public final class ConnectValuesToAvro {
  private ConnectValuesToAvro() {}

  /** The Avro generic value of {@code value} under {@code schema} and {@code avroSchema}. */
  public static Object value(Schema schema, org.apache.avro.Schema avroSchema, Object value) {
    if (value == null) {
      if (schema.defaultValue() != null) {
        value = schema.defaultValue();
      } else if (schema.isOptional()) {
        return null;
      } else {
        throw new DataException(
            "Found null for a required "
                + schema.type()
                + (schema.name() == null ? "" : " (" + schema.name() + ")")
                + " schema; make the field optional or give it a value");
      }
    }
    org.apache.avro.Schema avro = nonNullBranch(avroSchema);
    Object raw = logicalToAvro(schema, value);
    try {
      return switch (schema.type()) {
        case INT8, INT16 -> ((Number) raw).intValue();
        case INT32 -> (Integer) raw;
        case INT64 -> (Long) raw;
        case FLOAT32 -> (Float) raw;
        case FLOAT64 -> (Double) raw;
        case BOOLEAN -> (Boolean) raw;
        case STRING ->
            avro.getType() == org.apache.avro.Schema.Type.ENUM
                ? new GenericData.EnumSymbol(avro, (String) raw)
                : (String) raw;
        case BYTES -> raw instanceof byte[] array ? ByteBuffer.wrap(array) : (ByteBuffer) raw;
        case ARRAY -> {
          List<Object> list = new ArrayList<>();
          for (Object element : (List<?>) raw) {
            list.add(value(schema.valueSchema(), avro.getElementType(), element));
          }
          yield list;
        }
        case MAP -> mapValue(schema, avro, (Map<?, ?>) raw);
        case STRUCT -> structValue(schema, avroSchema, (Struct) raw);
      };
    } catch (ClassCastException e) {
      throw new DataException(
          "Value of class "
              + value.getClass().getName()
              + " does not match Connect schema type "
              + schema.type(),
          e);
    }
  }

  private static Object mapValue(Schema schema, org.apache.avro.Schema avro, Map<?, ?> map) {
    if (avro.getType() == org.apache.avro.Schema.Type.MAP) {
      Map<String, Object> result = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        result.put(
            (String) e.getKey(), value(schema.valueSchema(), avro.getValueType(), e.getValue()));
      }
      return result;
    }
    org.apache.avro.Schema entrySchema = avro.getElementType();
    org.apache.avro.Schema keyAvro = entrySchema.getField(ConnectAvroNames.MAP_KEY_FIELD).schema();
    org.apache.avro.Schema valueAvro =
        entrySchema.getField(ConnectAvroNames.MAP_VALUE_FIELD).schema();
    List<Object> entries = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      GenericData.Record entry = new GenericData.Record(entrySchema);
      entry.put(ConnectAvroNames.MAP_KEY_FIELD, value(schema.keySchema(), keyAvro, e.getKey()));
      entry.put(
          ConnectAvroNames.MAP_VALUE_FIELD, value(schema.valueSchema(), valueAvro, e.getValue()));
      entries.add(entry);
    }
    return entries;
  }

  private static Object structValue(
      Schema schema, org.apache.avro.Schema avroSchema, Struct struct) {
    if (ConnectAvroNames.UNION.equals(schema.name())) {
      for (Field field : schema.fields()) {
        Object branchValue = struct.get(field);
        if (branchValue != null) {
          int branch = avroSchema.getTypes().size() - schema.fields().size() + field.index();
          return value(field.schema(), avroSchema.getTypes().get(branch), branchValue);
        }
      }
      return null;
    }
    org.apache.avro.Schema avro = nonNullBranch(avroSchema);
    GenericData.Record record = new GenericData.Record(avro);
    for (Field field : schema.fields()) {
      org.apache.avro.Schema.Field avroField = avro.getField(field.name());
      record.put(avroField.pos(), value(field.schema(), avroField.schema(), struct.get(field)));
    }
    return record;
  }

  private static org.apache.avro.Schema nonNullBranch(org.apache.avro.Schema avro) {
    if (avro.getType() != org.apache.avro.Schema.Type.UNION) {
      return avro;
    }
    List<org.apache.avro.Schema> types = avro.getTypes();
    if (types.size() == 2 && types.get(0).getType() == org.apache.avro.Schema.Type.NULL) {
      return types.get(1);
    }
    if (types.size() == 2 && types.get(1).getType() == org.apache.avro.Schema.Type.NULL) {
      return types.get(0);
    }
    return avro;
  }

  static Object logicalToAvro(Schema schema, Object value) {
    // Only decimals and dates are logical values; checking the class first skips the name switch
    // (a string hash per field) for every other value.
    if (schema.name() == null
        || !(value instanceof BigDecimal || value instanceof java.util.Date)) {
      return value;
    }
    return switch (schema.name()) {
      case Decimal.LOGICAL_NAME -> Decimal.fromLogical(schema, (BigDecimal) value);
      case Date.LOGICAL_NAME -> Date.fromLogical(schema, (java.util.Date) value);
      case Time.LOGICAL_NAME -> Time.fromLogical(schema, (java.util.Date) value);
      case Timestamp.LOGICAL_NAME -> Timestamp.fromLogical(schema, (java.util.Date) value);
      default -> value;
    };
  }
}
