package io.tributary.connect.jdbc.sink;

import java.util.Locale;

/** Confluent's {@code insert.mode}: how a record becomes a row. */
public enum InsertMode {
  /** {@code INSERT}: a row per record; a duplicate key is an error. */
  INSERT,
  /** Insert, or update the row with the same primary key (PostgreSQL ON CONFLICT, Oracle MERGE). */
  UPSERT,
  /**
   * {@code UPDATE} the row with the record's primary key; a record without a row changes nothing.
   */
  UPDATE;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
