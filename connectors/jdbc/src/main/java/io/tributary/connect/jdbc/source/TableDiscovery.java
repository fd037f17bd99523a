package io.tributary.connect.jdbc.source;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.jdbc.db.Dialect;
import io.tributary.connect.jdbc.db.TableId;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Finds the tables to copy from the database's metadata: those of {@code table.types} in schemas
 * matching {@code schema.pattern}, kept by {@code table.include.list} or dropped by {@code
 * table.exclude.list}. A name in a list is {@code table} or {@code schema.table}, matched exactly
 * or, failing that, as the database folds unquoted names. Stateless.
 */
public final class TableDiscovery {
  private final JdbcSourceConfig config;
  private final Dialect dialect;

  public TableDiscovery(JdbcSourceConfig config, Dialect dialect) {
    this.config = requireNonNull(config, "config is null");
    this.dialect = requireNonNull(dialect, "dialect is null");
  }

  /**
   * The tables to copy, sorted by name.
   *
   * @throws ConnectException when table.include.list names a table that does not exist
   */
  public List<TableId> tables(Connection connection) throws SQLException {
    List<TableId> all = allTables(connection);
    List<String> include = config.includeList();
    List<String> exclude = config.excludeList();
    List<TableId> chosen = new ArrayList<>();
    if (!include.isEmpty()) {
      List<String> missing = new ArrayList<>();
      for (String name : include) {
        List<TableId> matches = all.stream().filter(t -> matches(name, t)).toList();
        if (matches.isEmpty()) {
          missing.add(name);
        }
        matches.stream().filter(t -> !chosen.contains(t)).forEach(chosen::add);
      }
      if (!missing.isEmpty()) {
        throw new ConnectException(
            "table.include.list names tables that do not exist (or are not of table.types "
                + config.tableTypes()
                + config.schemaPattern().map(p -> " in schemas matching " + p).orElse("")
                + "): "
                + missing
                + "; tables found: "
                + all);
      }
    } else {
      for (TableId table : all) {
        if (exclude.stream().noneMatch(name -> matches(name, table))) {
          chosen.add(table);
        }
      }
    }
    chosen.sort((a, b) -> a.toString().compareTo(b.toString()));
    return chosen;
  }

  private List<TableId> allTables(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    List<String> typeList = new ArrayList<>(config.tableTypes());
    if (typeList.stream().anyMatch(t -> t.equalsIgnoreCase("TABLE"))
        && typeList.stream().noneMatch(t -> t.equalsIgnoreCase("BASE TABLE"))) {
      // H2 2.x (and the SQL standard's information schema) call ordinary tables BASE TABLE.
      typeList.add("BASE TABLE");
    }
    String[] types = typeList.toArray(String[]::new);
    List<TableId> tables = new ArrayList<>();
    try (ResultSet rs =
        meta.getTables(
            config.catalogPattern().orElse(null),
            config.schemaPattern().orElse(null),
            "%",
            types)) {
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEM");
        if (schema != null && isSystemSchema(schema)) {
          continue;
        }
        tables.add(
            new TableId(
                Optional.ofNullable(rs.getString("TABLE_CAT")),
                Optional.ofNullable(schema),
                rs.getString("TABLE_NAME")));
      }
    }
    return tables;
  }

  private boolean isSystemSchema(String schema) {
    return new TreeSet<>(
            List.of(
                "information_schema",
                "pg_catalog",
                "SYS",
                "SYSTEM",
                "INFORMATION_SCHEMA",
                "XDB",
                "CTXSYS",
                "MDSYS",
                "OLAPSYS",
                "WMSYS",
                "ORDSYS",
                "OUTLN",
                "DBSNMP",
                "APPQOSSYS"))
        .contains(schema);
  }

  private boolean matches(String name, TableId table) {
    String trimmed = name.trim();
    int dot = trimmed.lastIndexOf('.');
    String tablePart = dot >= 0 ? trimmed.substring(dot + 1) : trimmed;
    Optional<String> schemaPart =
        dot >= 0 ? Optional.of(trimmed.substring(0, dot)) : Optional.empty();
    if (!same(tablePart, table.table())) {
      return false;
    }
    return schemaPart.isEmpty() || table.schema().map(s -> same(schemaPart.get(), s)).orElse(false);
  }

  private boolean same(String given, String actual) {
    return given.equals(actual) || dialect.unquotedCase(given).equals(actual);
  }
}
