package io.tributary.connect.jdbc.source;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How rows are found on each poll ({@code mode}), with Confluent's names. */
public enum SourceMode {
  /** The whole table (or query) on every load. */
  BULK("bulk"),
  /** Rows whose strictly increasing column is above the last one read. */
  INCREMENTING("incrementing"),
  /** Rows whose timestamp (one or several columns, COALESCE'd) is after the last one read. */
  TIMESTAMP("timestamp"),
  /** Timestamp, with an incrementing column ordering rows that share a timestamp. */
  TIMESTAMP_INCREMENTING("timestamp+incrementing");

  private final String configValue;

  SourceMode(String configValue) {
    this.configValue = configValue;
  }

  public String configValue() {
    return configValue;
  }

  public boolean usesIncrementing() {
    return this == INCREMENTING || this == TIMESTAMP_INCREMENTING;
  }

  public boolean usesTimestamp() {
    return this == TIMESTAMP || this == TIMESTAMP_INCREMENTING;
  }

  /** The mode named {@code value} (case-insensitive), or empty. */
  public static java.util.Optional<SourceMode> parse(String value) {
    if (value == null) {
      return java.util.Optional.empty();
    }
    String lower = value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.configValue.equals(lower)).findFirst();
  }

  public static String names() {
    return Arrays.stream(values()).map(SourceMode::configValue).collect(Collectors.joining(", "));
  }
}
