package io.tributary.connect.jdbc.sink;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.jdbc.db.Dialect;
import io.tributary.connect.jdbc.db.TableId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How table and column names are written into SQL: quoted with the dialect's quotes ({@code
 * quote.sql.identifiers=always}) or as they are ({@code never}). Immutable.
 */
record Identifiers(Dialect dialect, boolean quote) {
  Identifiers {
    requireNonNull(dialect, "dialect is null");
  }

  String column(String name) {
    return quote ? dialect.quote(name) : name;
  }

  String columns(List<String> names) {
    return names.stream().map(this::column).collect(Collectors.joining(", "));
  }

  String table(TableId table) {
    if (quote) {
      return dialect.qualified(table);
    }
    StringBuilder sql = new StringBuilder();
    table.catalog().ifPresent(c -> sql.append(c).append('.'));
    table.schema().ifPresent(s -> sql.append(s).append('.'));
    return sql.append(table.table()).toString();
  }
}
