package io.tributary.connect.file;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Converts a Connect value into the Avro generic value for the schema {@link ConnectAvroSchemas}
 * made of its Connect schema. Stateless.
 */
final class ConnectAvroValues {
  private static final long MILLIS_PER_DAY = TimeUnit.DAYS.toMillis(1);

  private ConnectAvroValues() {}

  static Object toAvro(Object value, Schema schema, org.apache.avro.Schema avro) {
    if (value == null) {
      return null;
    }
    if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
      avro = avro.getTypes().get(1); // [null, type]
    }
    String logical = schema.name();
    if (Decimal.LOGICAL_NAME.equals(logical)) {
      return ByteBuffer.wrap(((BigDecimal) value).unscaledValue().toByteArray());
    }
    if (Date.LOGICAL_NAME.equals(logical)) {
      return (int) Math.floorDiv(((java.util.Date) value).getTime(), MILLIS_PER_DAY);
    }
    if (Time.LOGICAL_NAME.equals(logical)) {
      return (int) Math.floorMod(((java.util.Date) value).getTime(), MILLIS_PER_DAY);
    }
    if (Timestamp.LOGICAL_NAME.equals(logical)) {
      return ((java.util.Date) value).getTime();
    }
    return switch (schema.type()) {
      case INT8, INT16, INT32 -> ((Number) value).intValue();
      case INT64, FLOAT32, FLOAT64, BOOLEAN, STRING -> value;
      case BYTES ->
          value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : ((ByteBuffer) value).duplicate();
      case ARRAY -> array((List<?>) value, schema, avro);
      case MAP -> map((Map<?, ?>) value, schema, avro);
      case STRUCT -> record((Struct) value, avro);
    };
  }

  private static List<Object> array(List<?> list, Schema schema, org.apache.avro.Schema avro) {
    List<Object> items = new ArrayList<>(list.size());
    for (Object item : list) {
      items.add(toAvro(item, schema.valueSchema(), avro.getElementType()));
    }
    return items;
  }

  private static Object map(Map<?, ?> map, Schema schema, org.apache.avro.Schema avro) {
    if (avro.getType() == org.apache.avro.Schema.Type.MAP) {
      Map<String, Object> entries = new HashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        entries.put(
            (String) entry.getKey(),
            toAvro(entry.getValue(), schema.valueSchema(), avro.getValueType()));
      }
      return entries;
    }
    org.apache.avro.Schema entrySchema = avro.getElementType();
    List<Object> entries = new ArrayList<>(map.size());
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      GenericData.Record record = new GenericData.Record(entrySchema);
      record.put(
          "key", toAvro(entry.getKey(), schema.keySchema(), entrySchema.getField("key").schema()));
      record.put(
          "value",
          toAvro(entry.getValue(), schema.valueSchema(), entrySchema.getField("value").schema()));
      entries.add(record);
    }
    return entries;
  }

  private static GenericData.Record record(Struct struct, org.apache.avro.Schema avro) {
    GenericData.Record record = new GenericData.Record(avro);
    for (Field field : struct.schema().fields()) {
      record.put(
          field.name(),
          toAvro(struct.get(field), field.schema(), avro.getField(field.name()).schema()));
    }
    return record;
  }
}
