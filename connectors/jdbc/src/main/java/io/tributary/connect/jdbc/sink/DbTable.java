package io.tributary.connect.jdbc.sink;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.jdbc.db.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A table as the database's metadata describes it: its id in the database's own spelling and its
 * columns in order. Immutable.
 */
record DbTable(TableId id, List<Column> columns) {
  /** A column: its exact name, JDBC type and whether it accepts NULL. */
  record Column(String name, int jdbcType, String typeName, boolean nullable) {
    Column {
      requireNonNull(name, "name is null");
      requireNonNull(typeName, "typeName is null");
    }
  }

  DbTable {
    requireNonNull(id, "id is null");
    columns = List.copyOf(columns);
  }

  /**
   * The column a field writes to: the one with exactly its name, else the one whose name differs
   * only in case (a column created unquoted, folded by the database).
   */
  Optional<Column> columnFor(String field) {
    Map<String, Column> byLowerCase = new LinkedHashMap<>();
    for (Column column : columns) {
      if (column.name().equals(field)) {
        return Optional.of(column);
      }
      byLowerCase.putIfAbsent(column.name().toLowerCase(Locale.ROOT), column);
    }
    return Optional.ofNullable(byLowerCase.get(field.toLowerCase(Locale.ROOT)));
  }

  /** The columns' exact names for {@code fields}, which must all exist. */
  List<String> columnNames(List<SinkColumn> fields) {
    List<String> names = new ArrayList<>(fields.size());
    for (SinkColumn field : fields) {
      names.add(
          columnFor(field.name())
              .orElseThrow(
                  () -> new IllegalStateException("no column for " + field.name() + " in " + id))
              .name());
    }
    return names;
  }
}
