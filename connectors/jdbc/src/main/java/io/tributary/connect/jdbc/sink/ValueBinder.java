package io.tributary.connect.jdbc.sink;

import io.tributary.connect.jdbc.db.TributaryTypes;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Binds Connect values to statement parameters. Date and Time (defined by Connect in UTC) are bound
 * in UTC; Timestamps in {@code db.timezone}, which decides the wall-clock time stored in a
 * TIMESTAMP column without time zone. Not thread-safe (calendars).
 */
final class ValueBinder {
  private final Calendar utc = Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC));
  private final Calendar dbZone;

  private final boolean postgres;

  ValueBinder(ZoneId dbTimeZone, boolean postgres) {
    this.dbZone = Calendar.getInstance(TimeZone.getTimeZone(dbTimeZone));
    this.postgres = postgres;
  }

  /** Microseconds since the epoch as a Timestamp (nanosecond field exact to the microsecond). */
  static java.sql.Timestamp microTimestamp(long micros) {
    return java.sql.Timestamp.from(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
  }

  void bind(PreparedStatement statement, int index, Schema schema, Object value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, ColumnTypes.jdbcType(schema));
      return;
    }
    if (schema.name() != null) {
      switch (schema.name()) {
        case Decimal.LOGICAL_NAME -> {
          statement.setBigDecimal(index, (BigDecimal) value);
          return;
        }
        case Date.LOGICAL_NAME -> {
          statement.setDate(index, new java.sql.Date(((java.util.Date) value).getTime()), utc);
          return;
        }
        case Time.LOGICAL_NAME -> {
          statement.setTime(index, new java.sql.Time(((java.util.Date) value).getTime()), utc);
          return;
        }
        case Timestamp.LOGICAL_NAME -> {
          statement.setTimestamp(
              index, new java.sql.Timestamp(((java.util.Date) value).getTime()), dbZone);
          return;
        }
        case TributaryTypes.MICRO_TIMESTAMP -> {
          statement.setTimestamp(index, microTimestamp((Long) value), dbZone);
          return;
        }
        case TributaryTypes.MICRO_TIME -> {
          LocalTime time = LocalTime.ofNanoOfDay((Long) value * 1000);
          if (postgres) {
            statement.setObject(index, time);
          } else {
            statement.setTimestamp(
                index, java.sql.Timestamp.valueOf(LocalDate.EPOCH.atTime(time)), utc);
          }
          return;
        }
        case TributaryTypes.VARIABLE_DECIMAL -> {
          statement.setBigDecimal(index, new BigDecimal((String) value));
          return;
        }
        case TributaryTypes.UUID, TributaryTypes.JSON -> {
          if (postgres) {
            // Sent untyped, so PostgreSQL casts the text to the column's uuid / json(b) type.
            statement.setObject(index, value, Types.OTHER);
          } else {
            statement.setString(index, (String) value);
          }
          return;
        }
        default -> {}
      }
    }
    switch (schema.type()) {
      case ARRAY -> statement.setArray(index, array(statement, schema.valueSchema(), value));
      case INT8 -> statement.setShort(index, (Byte) value);
      case INT16 -> statement.setShort(index, (Short) value);
      case INT32 -> statement.setInt(index, (Integer) value);
      case INT64 -> statement.setLong(index, (Long) value);
      case FLOAT32 -> statement.setFloat(index, (Float) value);
      case FLOAT64 -> statement.setDouble(index, (Double) value);
      case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
      case STRING -> statement.setString(index, (String) value);
      case BYTES -> statement.setBytes(index, bytes(value));
      default -> throw new IllegalArgumentException("no binding for Connect type " + schema.type());
    }
  }

  /** A Connect array (a List) as a PostgreSQL array of the element's type. */
  private static java.sql.Array array(PreparedStatement statement, Schema element, Object value)
      throws SQLException {
    List<?> list = (List<?>) value;
    Object[] elements = new Object[list.size()];
    boolean variableDecimal = TributaryTypes.VARIABLE_DECIMAL.equals(element.name());
    for (int i = 0; i < elements.length; i++) {
      Object e = list.get(i);
      if (e instanceof Byte b) {
        e = (short) b;
      } else if (variableDecimal && e != null) {
        e = new BigDecimal((String) e);
      }
      elements[i] = e;
    }
    return statement.getConnection().createArrayOf(ColumnTypes.arrayElementType(element), elements);
  }

  static byte[] bytes(Object value) {
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return bytes;
    }
    return (byte[]) value;
  }
}
