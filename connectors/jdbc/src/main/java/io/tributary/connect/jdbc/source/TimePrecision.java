package io.tributary.connect.jdbc.source;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How TIME and TIMESTAMP columns are represented ({@code time.precision.mode}, Tributary's key).
 *
 * <ul>
 *   <li>{@code connect} (default): Connect's {@code Timestamp} / {@code Time} logical types, whole
 *       milliseconds, as Confluent's connector does; an existing pipeline ports over unchanged.
 *   <li>{@code micros}: INT64 microseconds (since the epoch for timestamps, since midnight for
 *       times), with the schema names {@value ColumnMapping#MICRO_TIMESTAMP} and {@value
 *       ColumnMapping#MICRO_TIME}: PostgreSQL's and Oracle's microseconds are kept.
 * </ul>
 */
public enum TimePrecision {
  CONNECT,
  MICROS;

  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<TimePrecision> parse(String value) {
    String upper = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.name().equals(upper)).findFirst();
  }
}
