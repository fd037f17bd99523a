package io.tributary.connect.jdbc.source;

import java.sql.Connection;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Confluent's {@code transaction.isolation.mode}: the isolation level of the source's reading
 * transactions. {@code DEFAULT} leaves the connection's own. (Confluent's {@code
 * SQL_SERVER_SNAPSHOT} is SQL Server's and not offered here.)
 */
public enum IsolationMode {
  DEFAULT(OptionalInt.empty()),
  READ_UNCOMMITTED(OptionalInt.of(Connection.TRANSACTION_READ_UNCOMMITTED)),
  READ_COMMITTED(OptionalInt.of(Connection.TRANSACTION_READ_COMMITTED)),
  REPEATABLE_READ(OptionalInt.of(Connection.TRANSACTION_REPEATABLE_READ)),
  SERIALIZABLE(OptionalInt.of(Connection.TRANSACTION_SERIALIZABLE));

  private final OptionalInt level;

  IsolationMode(OptionalInt level) {
    this.level = level;
  }

  /** The {@link Connection} level to set, or empty to keep the connection's. */
  public OptionalInt level() {
    return level;
  }

  public static Optional<IsolationMode> parse(String value) {
    String upper = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.name().equals(upper)).findFirst();
  }

  static String names() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
