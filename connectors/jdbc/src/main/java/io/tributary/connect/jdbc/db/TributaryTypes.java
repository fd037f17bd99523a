package io.tributary.connect.jdbc.db;

/**
 * The names of the Connect schemas Tributary's JDBC source gives values that Connect's own logical
 * types cannot hold exactly, and which its sink writes back to the column types they came from, so
 * that table -> topic -> table round-trips. One definition for both connectors.
 */
public final class TributaryTypes {
  /** INT64 microseconds since the epoch ({@code time.precision.mode=micros}). */
  public static final String MICRO_TIMESTAMP = "io.tributary.time.MicroTimestamp";

  /** INT64 microseconds since midnight ({@code time.precision.mode=micros}). */
  public static final String MICRO_TIME = "io.tributary.time.MicroTime";

  /** A STRING holding a UUID. */
  public static final String UUID = "io.tributary.data.Uuid";

  /** A STRING holding a JSON document (PostgreSQL json / jsonb). */
  public static final String JSON = "io.tributary.data.Json";

  /** A STRING holding an exact decimal of undeclared precision (Oracle NUMBER, numeric). */
  public static final String VARIABLE_DECIMAL = "io.tributary.data.VariableDecimal";

  /** The Decimal schema parameter holding the column's declared precision (Confluent's name). */
  public static final String DECIMAL_PRECISION_PARAMETER = "connect.decimal.precision";

  private TributaryTypes() {}
}
