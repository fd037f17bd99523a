package io.tributary.connect.jdbc.sink;

import io.tributary.connect.jdbc.db.TributaryTypes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
  // Set when db.timezone has one offset all year (UTC, the default): no zone rules per value.
  private final ZoneOffset fixedOffset;

  CopyEncoder(ZoneId dbTimeZone) {
    this.dbTimeZone = dbTimeZone;
    this.fixedOffset =
        dbTimeZone.getRules().isFixedOffset()
            ? dbTimeZone.getRules().getOffset(Instant.EPOCH)
            : null;
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
          long millis = ((java.util.Date) value).getTime();
          timestamp(
              out,
              Math.floorDiv(millis, 1000),
              (int) Math.floorMod(millis, 1000) * 1_000_000,
              3,
              TIMESTAMP);
          return;
        }
        case TributaryTypes.MICRO_TIMESTAMP -> {
          long micros = (Long) value;
          timestamp(
              out,
              Math.floorDiv(micros, 1_000_000),
              (int) Math.floorMod(micros, 1_000_000) * 1000,
              6,
              MICRO_TIMESTAMP);
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
   * Appends the instant as wall-clock time in db.timezone with its offset, as {@code formatter}
   * would, with {@code digits} fraction digits; written by hand for the common years and offsets (a
   * formatter per value costs more than the rest of the row).
   */
  private void timestamp(
      StringBuilder out, long epochSecond, int nanos, int digits, DateTimeFormatter formatter) {
    ZoneOffset offset =
        fixedOffset != null
            ? fixedOffset
            : dbTimeZone.getRules().getOffset(Instant.ofEpochSecond(epochSecond));
    LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, nanos, offset);
    int offsetSeconds = offset.getTotalSeconds();
    if (local.getYear() < 1000 || local.getYear() > 9999 || offsetSeconds % 60 != 0) {
      out.append(formatter.format(local.atOffset(offset)));
      return;
    }
    out.append(local.getYear()).append('-');
    twoDigits(out, local.getMonthValue());
    out.append('-');
    twoDigits(out, local.getDayOfMonth());
    out.append(' ');
    twoDigits(out, local.getHour());
    out.append(':');
    twoDigits(out, local.getMinute());
    out.append(':');
    twoDigits(out, local.getSecond());
    out.append('.');
    int fraction = nanos / (digits == 3 ? 1_000_000 : 1000);
    for (int scale = digits == 3 ? 100 : 100_000; scale > 0; scale /= 10) {
      out.append((char) ('0' + fraction / scale % 10));
    }
    int minutes = Math.abs(offsetSeconds) / 60;
    out.append(offsetSeconds < 0 ? '-' : '+');
    twoDigits(out, minutes / 60);
    out.append(':');
    twoDigits(out, minutes % 60);
  }

  private static void twoDigits(StringBuilder out, int value) {
    out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
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
