package io.tributary.connect.jdbc.sink;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.jdbc.db.DialectKind;
import io.tributary.connect.jdbc.db.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The SQL the sink sends, per dialect: DML with {@code ?} placeholders (and the order in which the
 * columns are bound), COPY, and DDL. Column names passed in are the table's own spellings (from its
 * metadata, or the field names for a table about to be created). Stateless apart from the dialect
 * and quoting; immutable.
 */
final class SinkStatements {
  /** A statement and the columns bound to its placeholders, in order. */
  record Bound(String sql, List<String> bindOrder) {
    Bound {
      requireNonNull(sql, "sql is null");
      bindOrder = List.copyOf(bindOrder);
    }
  }

  /** A column of a CREATE TABLE or ALTER TABLE ... ADD. */
  record ColumnDefinition(String name, String sqlType, String defaultLiteral, boolean notNull) {
    ColumnDefinition {
      requireNonNull(name, "name is null");
      requireNonNull(sqlType, "sqlType is null");
    }
  }

  private final DialectKind kind;
  private final Identifiers ids;

  SinkStatements(Identifiers ids) {
    this.ids = requireNonNull(ids, "ids is null");
    this.kind = ids.dialect().kind();
  }

  Bound insert(TableId table, List<String> keys, List<String> values) {
    List<String> all = concat(keys, values);
    return new Bound(
        "INSERT INTO "
            + ids.table(table)
            + " ("
            + ids.columns(all)
            + ") VALUES ("
            + placeholders(all.size())
            + ")",
        all);
  }

  /**
   * Insert or update by primary key.
   *
   * <p>The generic dialect has no portable upsert: it writes H2's {@code MERGE INTO t (...) KEY
   * (...) VALUES (...)}, and the configuration allows upsert there for {@code jdbc:h2:} URLs only.
   */
  Bound upsert(TableId table, List<String> keys, List<String> values) {
    List<String> all = concat(keys, values);
    return switch (kind) {
      case POSTGRES -> {
        String action =
            values.isEmpty()
                ? "DO NOTHING"
                : "DO UPDATE SET "
                    + values.stream()
                        .map(v -> ids.column(v) + " = EXCLUDED." + ids.column(v))
                        .collect(Collectors.joining(", "));
        yield new Bound(
            insert(table, keys, values).sql()
                + " ON CONFLICT ("
                + ids.columns(keys)
                + ") "
                + action,
            all);
      }
      case ORACLE -> new Bound(oracleMerge(table, keys, values, all), all);
      // H2's MERGE by key (the configuration accepts upsert on the generic dialect for H2 only).
      case GENERIC ->
          new Bound(
              "MERGE INTO "
                  + ids.table(table)
                  + " ("
                  + ids.columns(all)
                  + ") KEY ("
                  + ids.columns(keys)
                  + ") VALUES ("
                  + placeholders(all.size())
                  + ")",
              all);
    };
  }

  private String oracleMerge(
      TableId table, List<String> keys, List<String> values, List<String> all) {
    StringBuilder sql = new StringBuilder("MERGE INTO ").append(ids.table(table)).append(" target");
    sql.append(" USING (SELECT ")
        .append(all.stream().map(c -> "? " + ids.column(c)).collect(Collectors.joining(", ")))
        .append(" FROM dual) incoming ON (")
        .append(
            keys.stream()
                .map(k -> "target." + ids.column(k) + " = incoming." + ids.column(k))
                .collect(Collectors.joining(" AND ")))
        .append(")");
    if (!values.isEmpty()) {
      sql.append(" WHEN MATCHED THEN UPDATE SET ")
          .append(
              values.stream()
                  .map(v -> "target." + ids.column(v) + " = incoming." + ids.column(v))
                  .collect(Collectors.joining(", ")));
    }
    sql.append(" WHEN NOT MATCHED THEN INSERT (")
        .append(all.stream().map(c -> "target." + ids.column(c)).collect(Collectors.joining(", ")))
        .append(") VALUES (")
        .append(
            all.stream().map(c -> "incoming." + ids.column(c)).collect(Collectors.joining(", ")))
        .append(")");
    return sql.toString();
  }

  /** {@code UPDATE ... SET values WHERE keys}: values bound first, then keys. */
  Bound update(TableId table, List<String> keys, List<String> values) {
    if (values.isEmpty()) {
      throw new ConnectException(
          "insert.mode=update has nothing to update in "
              + table
              + ": every column written is part of the primary key");
    }
    return new Bound(
        "UPDATE "
            + ids.table(table)
            + " SET "
            + values.stream().map(v -> ids.column(v) + " = ?").collect(Collectors.joining(", "))
            + " WHERE "
            + where(keys),
        concat(values, keys));
  }

  Bound delete(TableId table, List<String> keys) {
    return new Bound("DELETE FROM " + ids.table(table) + " WHERE " + where(keys), keys);
  }

  /** PostgreSQL's {@code COPY ... FROM STDIN} in text format, for plain inserts. */
  String copyIn(TableId table, List<String> columns) {
    return "COPY " + ids.table(table) + " (" + ids.columns(columns) + ") FROM STDIN";
  }

  String createTable(TableId table, List<ColumnDefinition> columns, List<String> keys) {
    StringBuilder sql = new StringBuilder("CREATE TABLE ").append(ids.table(table)).append(" (");
    sql.append(columns.stream().map(this::definition).collect(Collectors.joining(", ")));
    if (!keys.isEmpty()) {
      sql.append(", PRIMARY KEY (").append(ids.columns(keys)).append(')');
    }
    return sql.append(')').toString();
  }

  /** The statements adding {@code columns} to {@code table} (one or several per dialect). */
  List<String> addColumns(TableId table, List<ColumnDefinition> columns) {
    String prefix = "ALTER TABLE " + ids.table(table) + " ADD ";
    return switch (kind) {
      case POSTGRES ->
          List.of(
              "ALTER TABLE "
                  + ids.table(table)
                  + " "
                  + columns.stream()
                      .map(c -> "ADD COLUMN " + definition(c))
                      .collect(Collectors.joining(", ")));
      case ORACLE ->
          List.of(
              prefix
                  + "("
                  + columns.stream().map(this::definition).collect(Collectors.joining(", "))
                  + ")");
      case GENERIC -> columns.stream().map(c -> prefix + definition(c)).toList();
    };
  }

  private String definition(ColumnDefinition column) {
    StringBuilder sql = new StringBuilder(ids.column(column.name())).append(' ');
    sql.append(column.sqlType());
    if (column.defaultLiteral() != null) {
      sql.append(" DEFAULT ").append(column.defaultLiteral());
    }
    if (column.notNull()) {
      sql.append(" NOT NULL");
    }
    return sql.toString();
  }

  private String where(List<String> keys) {
    return keys.stream().map(k -> ids.column(k) + " = ?").collect(Collectors.joining(" AND "));
  }

  private static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
