package io.tributary.connect.jdbc.db;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A table as the database's metadata names it: optional catalog and schema, and the table name,
 * each in the database's own spelling (no quotes). Immutable.
 */
public record TableId(Optional<String> catalog, Optional<String> schema, String table) {
  public TableId {
    requireNonNull(catalog, "catalog is null");
    requireNonNull(schema, "schema is null");
    requireNonNull(table, "table is null");
  }

  public static TableId of(String schema, String table) {
    return new TableId(Optional.empty(), Optional.ofNullable(schema), table);
  }

  /** {@code schema.table} (or {@code table}), unquoted: for messages and topic names. */
  @Override
  public String toString() {
    return schema.map(s -> s + "." + table).orElse(table);
  }
}
