package io.tributary.registry.avro.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/** Avro generic values to Connect values, given both schemas. Stateless and thread-safe. */
public final class AvroValuesToConnect {
  private AvroValuesToConnect() {}

  /** The Connect value of an Avro generic datum. */
  public static Object value(Schema schema, org.apache.avro.Schema avro, Object datum) {
    if (datum == null) {
      if (!schema.isOptional()) {
        throw new DataException("Found null for a required " + schema.type() + " schema");
      }
      return null;
    }
    org.apache.avro.Schema branch = avro;
    if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
      branch = avro.getTypes().get(GenericData.get().resolveUnion(avro, datum));
      if (ConnectAvroNames.UNION.equals(schema.name())) {
        Struct union = new Struct(schema);
        Field field = schema.field(branch.getName());
        union.put(field, value(field.schema(), branch, datum));
        return union;
      }
    }
    try {
      return switch (schema.type()) {
        case INT8 -> ((Integer) datum).byteValue();
        case INT16 -> ((Integer) datum).shortValue();
        case INT32 -> logical(schema, (Integer) datum);
        case INT64 -> logical(schema, (Long) datum);
        case FLOAT32 -> (Float) datum;
        case FLOAT64 -> (Double) datum;
        case BOOLEAN -> (Boolean) datum;
        case STRING -> datum.toString(); // Utf8, String or an enum symbol
        case BYTES -> {
          byte[] bytes =
              datum instanceof ByteBuffer buffer
                  ? ToConnect.toArray(buffer)
                  : datum instanceof GenericFixed fixed ? fixed.bytes() : (byte[]) datum;
          yield logical(schema, bytes);
        }
        case ARRAY -> {
          List<Object> list = new ArrayList<>();
          for (Object element : (java.util.Collection<?>) datum) {
            list.add(value(schema.valueSchema(), branch.getElementType(), element));
          }
          yield list;
        }
        case MAP -> mapValue(schema, branch, datum);
        case STRUCT -> {
          if (ConnectAvroNames.UNION.equals(schema.name())) {
            Struct union = new Struct(schema);
            Field field = schema.field(branch.getName());
            union.put(field, value(field.schema(), branch, datum));
            yield union;
          }
          IndexedRecord record = (IndexedRecord) datum;
          Struct struct = new Struct(schema);
          for (Field field : schema.fields()) {
            org.apache.avro.Schema.Field avroField = branch.getField(field.name());
            struct.put(
                field, value(field.schema(), avroField.schema(), record.get(avroField.pos())));
          }
          yield struct;
        }
      };
    } catch (ClassCastException e) {
      throw new DataException(
          "Avro value of class "
              + datum.getClass().getName()
              + " does not match Connect schema type "
              + schema.type(),
          e);
    }
  }

  private static Object mapValue(Schema schema, org.apache.avro.Schema avro, Object datum) {
    Map<Object, Object> map = new LinkedHashMap<>();
    if (avro.getType() == org.apache.avro.Schema.Type.MAP) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
        map.put(
            e.getKey().toString(), value(schema.valueSchema(), avro.getValueType(), e.getValue()));
      }
      return map;
    }
    org.apache.avro.Schema entrySchema = avro.getElementType();
    org.apache.avro.Schema.Field keyField = entrySchema.getField(ConnectAvroNames.MAP_KEY_FIELD);
    org.apache.avro.Schema.Field valueField =
        entrySchema.getField(ConnectAvroNames.MAP_VALUE_FIELD);
    for (Object element : (java.util.Collection<?>) datum) {
      IndexedRecord entry = (IndexedRecord) element;
      map.put(
          value(schema.keySchema(), keyField.schema(), entry.get(keyField.pos())),
          value(schema.valueSchema(), valueField.schema(), entry.get(valueField.pos())));
    }
    return map;
  }

  static Object logical(Schema schema, Object raw) {
    if (schema.name() == null) {
      return raw;
    }
    return switch (schema.name()) {
      case Decimal.LOGICAL_NAME -> Decimal.toLogical(schema, (byte[]) raw);
      case Date.LOGICAL_NAME -> Date.toLogical(schema, (Integer) raw);
      case Time.LOGICAL_NAME -> Time.toLogical(schema, (Integer) raw);
      case Timestamp.LOGICAL_NAME -> Timestamp.toLogical(schema, (Long) raw);
      default -> raw;
    };
  }
}
