package io.tributary.connect.hdfs.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Writes one Connect value as JSON, with or without its schema: structs and maps become objects
 * (map keys as strings), arrays arrays, bytes base64 strings, Decimal an exact JSON number, Date
 * the days since the epoch, Time the milliseconds of the day and Timestamp the epoch milliseconds
 * (the numbers Kafka Connect's JSON converter writes for them). Stateless.
 */
final class JsonValueWriter {
  private static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;

  private JsonValueWriter() {}

  static void write(JsonGenerator json, Schema schema, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Struct struct) {
      json.writeStartObject();
      for (Field field : struct.schema().fields()) {
        json.writeFieldName(field.name());
        write(json, field.schema(), struct.get(field));
      }
      json.writeEndObject();
    } else if (value instanceof Map<?, ?> map) {
      Schema valueSchema = schema == null ? null : schema.valueSchema();
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        json.writeFieldName(String.valueOf(entry.getKey()));
        write(json, valueSchema, entry.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof Collection<?> items) {
      Schema valueSchema = schema == null ? null : schema.valueSchema();
      json.writeStartArray();
      for (Object item : items) {
        write(json, valueSchema, item);
      }
      json.writeEndArray();
    } else if (value instanceof byte[] bytes) {
      json.writeBinary(bytes);
    } else if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      json.writeBinary(bytes);
    } else if (value instanceof Date date) {
      json.writeNumber(dateNumber(schema, date));
    } else if (value instanceof BigDecimal decimal) {
      json.writeNumber(decimal);
    } else {
      scalar(json, value);
    }
  }

  private static long dateNumber(Schema schema, Date date) {
    String name = schema == null ? null : schema.name();
    long millis = date.getTime();
    if (org.apache.kafka.connect.data.Date.LOGICAL_NAME.equals(name)) {
      return Math.floorDiv(millis, MILLIS_PER_DAY);
    }
    if (Time.LOGICAL_NAME.equals(name)) {
      return Math.floorMod(millis, MILLIS_PER_DAY);
    }
    if (Timestamp.LOGICAL_NAME.equals(name) || name == null) {
      return millis;
    }
    throw new DataException("A java.util.Date value cannot have the schema " + name);
  }

  private static void scalar(JsonGenerator json, Object value) throws IOException {
    if (value instanceof String s) {
      json.writeString(s);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
      json.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof Float f) {
      json.writeNumber(f);
    } else if (value instanceof Double d) {
      json.writeNumber(d);
    } else {
      throw new DataException(
          "Cannot write a value of class " + value.getClass().getName() + " as JSON");
    }
  }
}
