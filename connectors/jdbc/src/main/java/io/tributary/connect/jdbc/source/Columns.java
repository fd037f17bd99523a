package io.tributary.connect.jdbc.source;

import io.tributary.connect.jdbc.db.Dialect;
import io.tributary.connect.jdbc.db.TableId;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.connect.errors.ConnectException;

/** Column look-ups shared by the connector and its tasks: names in configs, primary keys. */
final class Columns {
  private Columns() {}

  /** The labels of a result's columns, in order. */
  static List<String> labels(ResultSetMetaData meta) throws SQLException {
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      labels.add(meta.getColumnLabel(i));
    }
    return labels;
  }

  /**
   * The result column (1-based) a config names: exactly, else as the database folds unquoted names,
   * else the one column equal ignoring case.
   *
   * @throws ConnectException naming the key, the column, the source and its columns
   */
  static int resolve(
      ResultSetMetaData meta, String name, String key, RowSource source, Dialect dialect)
      throws SQLException {
    List<String> labels = labels(meta);
    int exact = labels.indexOf(name);
    if (exact >= 0) {
      return exact + 1;
    }
    int folded = labels.indexOf(dialect.unquotedCase(name));
    if (folded >= 0) {
      return folded + 1;
    }
    List<Integer> ignoringCase = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).equalsIgnoreCase(name)) {
        ignoringCase.add(i + 1);
      }
    }
    if (ignoringCase.size() == 1) {
      return ignoringCase.get(0);
    }
    throw new ConnectException(
        "Column '"
            + name
            + "' named by "
            + key
            + " does not exist in "
            + source.describe()
            + " (its columns: "
            + labels
            + "); correct "
            + key);
  }

  /** The primary key columns of a table in key order (empty if none). */
  static List<String> primaryKey(Connection connection, TableId table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    Map<Short, String> columns = new TreeMap<>();
    try (ResultSet rs =
        meta.getPrimaryKeys(
            table.catalog().orElse(null), table.schema().orElse(null), table.table())) {
      while (rs.next()) {
        columns.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
    }
    return List.copyOf(columns.values());
  }

  /** The primary key of a row source: a table's, none for a query. */
  static List<String> primaryKey(Connection connection, RowSource source) throws SQLException {
    Optional<TableId> table = source.table();
    return table.isPresent() ? primaryKey(connection, table.get()) : List.of();
  }

  /**
   * The incrementing column of a source (1-based): the one {@code incrementing.column.name} names,
   * or the auto-increment column when it is empty.
   */
  static int incrementingColumn(
      ResultSetMetaData meta, JdbcSourceConfig config, RowSource source, Dialect dialect)
      throws SQLException {
    if (!config.incrementingColumn().isEmpty()) {
      return resolve(
          meta,
          config.incrementingColumn(),
          JdbcSourceConfig.INCREMENTING_COLUMN_CONFIG,
          source,
          dialect);
    }
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      if (meta.isAutoIncrement(i)) {
        return i;
      }
    }
    throw new ConnectException(
        source.describe()
            + " has no auto-increment column; set incrementing.column.name to a strictly"
            + " increasing column (its columns: "
            + labels(meta)
            + ")");
  }

  /**
   * The incrementing and timestamp columns of the mode, checked: they exist and, with {@code
   * validate.non.null}, are NOT NULL.
   */
  static UnitQuery.Resolved modeColumns(
      ResultSetMetaData meta, JdbcSourceConfig config, RowSource source, Dialect dialect)
      throws SQLException {
    SourceMode mode = config.mode();
    Optional<String> incrementing = Optional.empty();
    List<String> timestamps = new ArrayList<>();
    if (mode.usesIncrementing()) {
      int index = incrementingColumn(meta, config, source, dialect);
      checkNonNull(meta, index, JdbcSourceConfig.INCREMENTING_COLUMN_CONFIG, config, source);
      incrementing = Optional.of(meta.getColumnLabel(index));
    }
    if (mode.usesTimestamp()) {
      for (String name : config.timestampColumns()) {
        int index = resolve(meta, name, JdbcSourceConfig.TIMESTAMP_COLUMN_CONFIG, source, dialect);
        if (config.timestampColumns().size() == 1) {
          checkNonNull(meta, index, JdbcSourceConfig.TIMESTAMP_COLUMN_CONFIG, config, source);
        }
        timestamps.add(meta.getColumnLabel(index));
      }
    }
    return new UnitQuery.Resolved(incrementing, timestamps);
  }

  private static void checkNonNull(
      ResultSetMetaData meta, int index, String key, JdbcSourceConfig config, RowSource source)
      throws SQLException {
    if (config.validateNonNull() && meta.isNullable(index) != ResultSetMetaData.columnNoNulls) {
      throw new ConnectException(
          "Column '"
              + meta.getColumnLabel(index)
              + "' ("
              + key
              + ") of "
              + source.describe()
              + " is nullable: rows with NULL there would never be read. Make it NOT NULL, or set"
              + " validate.non.null=false to accept that");
    }
  }
}
