package io.tributary.connect.jdbc.source;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How TIMESTAMP columns are represented, Confluent's {@code timestamp.granularity}.
 *
 * <ul>
 *   <li>{@code connect_logical} (default): as {@code time.precision.mode} says (Connect's {@code
 *       Timestamp}, or Tributary's microseconds);
 *   <li>{@code nanos_long}: INT64 nanoseconds since the epoch;
 *   <li>{@code nanos_string}: the same number as a STRING;
 *   <li>{@code nanos_iso_datetime_string}: a STRING {@code yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS}, the
 *       wall-clock time in {@code db.timezone}.
 * </ul>
 */
public enum TimestampGranularity {
  CONNECT_LOGICAL,
  NANOS_LONG,
  NANOS_STRING,
  NANOS_ISO_DATETIME_STRING;

  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<TimestampGranularity> parse(String value) {
    String upper = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(g -> g.name().equals(upper)).findFirst();
  }

  static String names() {
    return Arrays.stream(values())
        .map(TimestampGranularity::configValue)
        .collect(Collectors.joining(", "));
  }
}
