package io.tributary.connect.hdfs.partition;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The built-in {@link TimestampExtractor}s, named as in Confluent's connectors ({@code
 * timestamp.extractor}): {@code Wallclock} (the sink's clock when it writes the record), {@code
 * Record} (the Kafka record's timestamp) and {@code RecordField} (a field of the value, named by
 * {@code timestamp.field}, nested by dots; an epoch-millisecond number, a Connect Timestamp/Date or
 * an ISO-8601 string, read in {@code timezone} when it has no offset).
 */
public final class TimestampExtractors {
  static final String WALLCLOCK = "Wallclock";

  private static final String CONFLUENT_PREFIX =
      "io.confluent.connect.storage.partitioner.TimeBasedPartitioner$";

  private TimestampExtractors() {}

  /**
   * The extractor {@code name} stands for (a short name, any case, or Confluent's class name).
   *
   * @throws ConfigException naming {@code timestamp.extractor} for anything else
   */
  static TimestampExtractor named(String name, String field, ZoneId zone) {
    String shortName = name.trim();
    if (shortName.startsWith(CONFLUENT_PREFIX) && shortName.endsWith("TimestampExtractor")) {
      shortName =
          shortName.substring(
              CONFLUENT_PREFIX.length(), shortName.length() - "TimestampExtractor".length());
    }
    return switch (shortName.toLowerCase(Locale.ROOT)) {
      case "wallclock" -> (record, nowMs) -> nowMs;
      case "record" -> TimestampExtractors::recordTimestamp;
      case "recordfield" -> {
        if (field.isBlank()) {
          throw new ConfigException(
              TimeBasedPartitioner.TIMESTAMP_FIELD_CONFIG,
              field,
              "timestamp.extractor=RecordField needs the field to read");
        }
        yield new FieldTimestamp(field.trim(), zone);
      }
      default ->
          throw new ConfigException(
              TimeBasedPartitioner.TIMESTAMP_EXTRACTOR_CONFIG,
              name,
              "must be Wallclock, Record or RecordField");
    };
  }

  private static long recordTimestamp(SinkRecord record, long nowMs) {
    Long timestamp = record.timestamp();
    if (timestamp == null) {
      throw new DataException(
          RecordFields.describe(record)
              + " has no timestamp to partition by (timestamp.extractor=Record); use"
              + " timestamp.extractor=RecordField or Wallclock");
    }
    return timestamp;
  }

  /** {@code RecordField}: a field of the value. */
  private record FieldTimestamp(String field, ZoneId zone) implements TimestampExtractor {
    @Override
    public long extract(SinkRecord record, long nowMs) {
      Object value = RecordFields.value(record, field);
      if (value instanceof Date date) {
        return date.getTime();
      }
      if (value instanceof Long
          || value instanceof Integer
          || value instanceof Short
          || value instanceof Byte) {
        return ((Number) value).longValue();
      }
      if (value instanceof String text) {
        return parse(record, text);
      }
      throw new DataException(
          "Timestamp field '"
              + field
              + "' of "
              + RecordFields.describe(record)
              + " is "
              + (value == null ? "null" : "a " + value.getClass().getSimpleName())
              + "; it must hold epoch milliseconds, a Connect Timestamp or an ISO-8601 string");
    }

    private long parse(SinkRecord record, String text) {
      try {
        TemporalAccessor parsed =
            DateTimeFormatter.ISO_DATE_TIME.parseBest(
                text, java.time.ZonedDateTime::from, LocalDateTime::from);
        if (parsed instanceof java.time.ZonedDateTime zoned) {
          return zoned.toInstant().toEpochMilli();
        }
        return ((LocalDateTime) parsed).atZone(zone).toInstant().toEpochMilli();
      } catch (DateTimeParseException notDateTime) {
        try {
          return LocalDate.parse(text).atStartOfDay(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
          throw new DataException(
              "Timestamp field '"
                  + field
                  + "' of "
                  + RecordFields.describe(record)
                  + " is '"
                  + text
                  + "', not an ISO-8601 date-time such as 2026-11-22T10:15:30Z",
              notDateTime);
        }
      }
    }
  }
}
