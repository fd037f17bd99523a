package io.tributary.connect.jdbc.sink;

import io.tributary.connect.jdbc.db.TributaryTypes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Writes Connect values as one field of PostgreSQL's COPY text format: {@code \N} for null,
 * backslash escapes for backslash, newline, carriage return and tab, bytea as {@code \\x} hex,
 * timestamps as wall-clock time in {@code db.timezone} with its offset (read the same way by
 * TIMESTAMP and TIMESTAMPTZ columns as a bound {@code setTimestamp}). Not thread-safe.
 */
final class CopyEncoder {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSxxx");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private static final DateTimeFormatter MICRO_TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
  private static final HexFormat HEX = HexFormat.of();

  private final ZoneId dbTimeZone;

  CopyEncoder(ZoneId dbTimeZone) {
    this.dbTimeZone = dbTimeZone;
  }

  void append(StringBuilder out, Schema schema, Object value) {
    if (value == null) {
      out.append("\\N");
      return;
    }
    if (schema.name() != null) {
      switch (schema.name()) {
        case Decimal.LOGICAL_NAME -> {
          out.append(((BigDecimal) value).toPlainString());
          return;
        }
        case Date.LOGICAL_NAME -> {
          out.append(
              LocalDate.ofInstant(((java.util.Date) value).toInstant(), ZoneOffset.UTC).toString());
          return;
        }
        case Time.LOGICAL_NAME -> {
          out.append(
              TIME.format(
                  LocalTime.ofInstant(((java.util.Date) value).toInstant(), ZoneOffset.UTC)));
          return;
        }
        case Timestamp.LOGICAL_NAME -> {
          Instant instant = ((java.util.Date) value).toInstant();
          out.append(TIMESTAMP.format(instant.atZone(dbTimeZone)));
          return;
        }
        case TributaryTypes.MICRO_TIMESTAMP -> {
          Instant instant = Instant.EPOCH.plus((Long) value, ChronoUnit.MICROS);
          out.append(MICRO_TIMESTAMP.format(instant.atZone(dbTimeZone)));
          return;
        }
        case TributaryTypes.MICRO_TIME -> {
          out.append(MICRO_TIME.format(LocalTime.ofNanoOfDay((Long) value * 1000)));
          return;
        }
        default -> {}
      }
    }
    switch (schema.type()) {
      case ARRAY -> escape(out, arrayLiteral(schema.valueSchema(), (List<?>) value));
      case BOOLEAN -> out.append((Boolean) value ? 't' : 'f');
      case BYTES -> out.append("\\\\x").append(HEX.formatHex(ValueBinder.bytes(value)));
      case STRING -> escape(out, (String) value);
      case INT8, INT16, INT32, INT64, FLOAT32, FLOAT64 -> out.append(value);
      default ->
          throw new IllegalArgumentException("no COPY text for Connect type " + schema.type());
    }
  }

  /**
   * PostgreSQL's array literal: {@code {1,NULL,3}}; strings and decimals double-quoted with {@code
   * "} and {@code \\} backslash-escaped (the literal is then escaped again for COPY).
   */
  static String arrayLiteral(Schema element, List<?> values) {
    ColumnTypes.arrayElementType(element);
    StringBuilder literal = new StringBuilder("{");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        literal.append(',');
      }
      Object value = values.get(i);
      if (value == null) {
        literal.append("NULL");
      } else if (value instanceof Boolean b) {
        literal.append(b ? 't' : 'f');
      } else if (value instanceof Number && !(value instanceof BigDecimal)) {
        literal.append(value);
      } else {
        String text =
            value instanceof BigDecimal decimal ? decimal.toPlainString() : (String) value;
        literal.append('"');
        for (int c = 0; c < text.length(); c++) {
          char ch = text.charAt(c);
          if (ch == '"' || ch == '\\') {
            literal.append('\\');
          }
          literal.append(ch);
        }
        literal.append('"');
      }
    }
    return literal.append('}').toString();
  }

  private static void escape(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
  }
}
