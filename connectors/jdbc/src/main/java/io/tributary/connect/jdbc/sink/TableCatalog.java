package io.tributary.connect.jdbc.sink;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.jdbc.db.Dialect;
import io.tributary.connect.jdbc.db.TableId;
import io.tributary.connect.jdbc.sink.SinkStatements.ColumnDefinition;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables the sink writes to: resolves a topic to a table ({@code table.name.format}), reads the
 * table's columns from the database's metadata, and creates ({@code auto.create}) or widens ({@code
 * auto.evolve}) it to fit a record's shape. Remembers what it read. One per task; not thread-safe.
 *
 * <p>DDL runs in its own transaction on the task's connection: the caller commits its pending
 * writes first (Oracle commits implicitly on DDL; doing the same everywhere keeps one behaviour).
 */
final class TableCatalog {
  private static final Logger LOGGER = LoggerFactory.getLogger(TableCatalog.class);

  private final Dialect dialect;
  private final SinkStatements statements;
  private final String tableNameFormat;
  private final boolean autoCreate;
  private final boolean autoEvolve;
  private final Map<TableId, DbTable> known = new HashMap<>();

  TableCatalog(JdbcSinkConfig config, SinkStatements statements) {
    this.dialect = config.connection().dialect();
    this.statements = requireNonNull(statements, "statements is null");
    this.tableNameFormat = config.tableNameFormat();
    this.autoCreate = config.autoCreate();
    this.autoEvolve = config.autoEvolve();
  }

  /** The table {@code topic}'s records go to, as written in table.name.format. */
  TableId tableFor(String topic) {
    return parse(tableNameFormat.replace("${topic}", topic));
  }

  /** {@code table}, {@code schema.table} or {@code catalog.schema.table}. */
  static TableId parse(String name) {
    String[] parts = name.split("\\.", -1);
    return switch (parts.length) {
      case 1 -> new TableId(Optional.empty(), Optional.empty(), parts[0]);
      case 2 -> new TableId(Optional.empty(), Optional.of(parts[0]), parts[1]);
      case 3 -> new TableId(Optional.of(parts[0]), Optional.of(parts[1]), parts[2]);
      default ->
          throw new ConnectException(
              "Table name "
                  + name
                  + " (from table.name.format) has more than three dot-separated parts; use"
                  + " table, schema.table or catalog.schema.table");
    };
  }

  /** What the database knows of {@code table}, if it exists (re-read each call). */
  Optional<DbTable> read(Connection connection, TableId table) throws SQLException {
    DatabaseMetaData metadata = connection.getMetaData();
    String catalog = table.catalog().orElse(null);
    Set<String> schemas = new LinkedHashSet<>();
    if (table.schema().isPresent()) {
      schemas.add(table.schema().get());
      schemas.add(dialect.unquotedCase(table.schema().get()));
    } else {
      schemas.add(connection.getSchema());
    }
    Set<String> names =
        new LinkedHashSet<>(List.of(table.table(), dialect.unquotedCase(table.table())));
    for (String schema : schemas) {
      for (String name : names) {
        if (exists(metadata, catalog, schema, name)) {
          TableId actual =
              new TableId(
                  table.catalog(),
                  table.schema().isPresent() ? Optional.of(schema) : Optional.empty(),
                  name);
          return Optional.of(new DbTable(actual, columns(metadata, catalog, schema, name)));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean exists(
      DatabaseMetaData metadata, String catalog, String schema, String name) throws SQLException {
    // Names are LIKE patterns here ('_' matches any character): compare exactly.
    try (ResultSet rs = metadata.getTables(catalog, schema, name, null)) {
      while (rs.next()) {
        if (name.equals(rs.getString("TABLE_NAME"))
            && (schema == null || schema.equals(rs.getString("TABLE_SCHEM")))) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<DbTable.Column> columns(
      DatabaseMetaData metadata, String catalog, String schema, String name) throws SQLException {
    List<DbTable.Column> columns = new ArrayList<>();
    try (ResultSet rs = metadata.getColumns(catalog, schema, name, null)) {
      while (rs.next()) {
        if (!name.equals(rs.getString("TABLE_NAME"))
            || (schema != null && !schema.equals(rs.getString("TABLE_SCHEM")))) {
          continue;
        }
        columns.add(
            new DbTable.Column(
                rs.getString("COLUMN_NAME"),
                rs.getInt("DATA_TYPE"),
                rs.getString("TYPE_NAME"),
                rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
      }
    }
    return columns;
  }

  /**
   * The table for {@code shape}, created or evolved as configured. {@code beforeDdl} runs before
   * any DDL (the caller commits its pending writes there).
   *
   * @throws ConnectException when the table is missing or lacks columns and the config does not
   *     allow fixing it, naming the table, the columns and the key to set
   * @throws SQLException when the database fails
   */
  DbTable tableFor(
      Connection connection, TableId table, RecordShape shape, SinkRecord record, DdlHook beforeDdl)
      throws SQLException {
    DbTable current = known.get(table);
    if (current == null) {
      current = read(connection, table).orElse(null);
    }
    if (current == null) {
      if (!autoCreate) {
        throw new ConnectException(
            "Table "
                + table
                + " for "
                + RecordShape.where(record)
                + " does not exist; create it, or set auto.create=true to create it from the"
                + " record's schema (check table.name.format and the database user's schema)");
      }
      beforeDdl.run();
      String sql = createSql(table, shape);
      try {
        runDdl(connection, List.of(sql));
        LOGGER.info("Created table {}: {}", table, sql);
      } catch (SQLException e) {
        // Another task may have created it meanwhile: then use that one.
        if (read(connection, table).isEmpty()) {
          throw e;
        }
      }
      current =
          read(connection, table)
              .orElseThrow(
                  () ->
                      new ConnectException(
                          "Created table " + table + " but cannot find it in the metadata"));
    }
    List<SinkColumn> missing = new ArrayList<>();
    for (SinkColumn column : shape.allColumns()) {
      if (current.columnFor(column.name()).isEmpty()) {
        missing.add(column);
      }
    }
    if (!missing.isEmpty()) {
      current = evolve(connection, current, missing, record, beforeDdl);
    }
    known.put(table, current);
    return current;
  }

  private DbTable evolve(
      Connection connection,
      DbTable table,
      List<SinkColumn> missing,
      SinkRecord record,
      DdlHook beforeDdl)
      throws SQLException {
    List<String> names = missing.stream().map(SinkColumn::name).toList();
    if (!autoEvolve) {
      throw new ConnectException(
          "Table "
              + table.id()
              + " has no column(s) "
              + names
              + " for the fields of "
              + RecordShape.where(record)
              + "; add them, or set auto.evolve=true to add them from the record's schema");
    }
    List<ColumnDefinition> added = new ArrayList<>();
    for (SinkColumn column : missing) {
      if (column.primaryKey()) {
        throw new ConnectException(
            "Table "
                + table.id()
                + " has no column "
                + column.name()
                + " of the primary key; auto.evolve adds value columns only: change the table's"
                + " primary key by hand, or fix pk.mode/pk.fields");
      }
      boolean hasDefault = column.schema().defaultValue() != null;
      if (!column.schema().isOptional() && !hasDefault) {
        throw new ConnectException(
            "Field "
                + column.name()
                + " of "
                + RecordShape.where(record)
                + " is new to table "
                + table.id()
                + " and required without a default value, so existing rows would have no value"
                + " for it; make the field optional or give it a default, or add the column by"
                + " hand");
      }
      added.add(definition(column));
    }
    beforeDdl.run();
    List<String> sql = statements.addColumns(table.id(), added);
    runDdl(connection, sql);
    LOGGER.info("Added column(s) {} to table {}: {}", names, table.id(), sql);
    return read(connection, table.id()).orElseThrow();
  }

  String createSql(TableId table, RecordShape shape) {
    List<ColumnDefinition> columns = new ArrayList<>();
    for (SinkColumn column : shape.allColumns()) {
      columns.add(definition(column));
    }
    return statements.createTable(
        table, columns, shape.keyColumns().stream().map(SinkColumn::name).toList());
  }

  private ColumnDefinition definition(SinkColumn column) {
    return new ColumnDefinition(
        column.name(),
        ColumnTypes.sqlType(dialect.kind(), column.schema(), column.primaryKey()),
        ColumnTypes.defaultLiteral(dialect.kind(), column.schema()).orElse(null),
        column.primaryKey() || !column.schema().isOptional());
  }

  /** DDL in its own transaction, rolled back if it fails. */
  private static void runDdl(Connection connection, List<String> sqls) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : sqls) {
        statement.execute(sql);
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    }
  }

  /** Forgets what was read about {@code table} (after a write failed on it). */
  void forget(TableId table) {
    known.remove(table);
  }

  /** Runs before DDL. */
  @FunctionalInterface
  interface DdlHook {
    void run() throws SQLException;
  }
}
