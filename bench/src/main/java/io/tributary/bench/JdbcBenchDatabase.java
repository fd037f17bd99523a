package io.tributary.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The JDBC benchmark's PostgreSQL 16: zonky's embedded binaries unpacked under the work folder, on
 * a free loopback port, trust authentication for user postgres. One for the whole run; {@link
 * #close} stops it.
 */
final class JdbcBenchDatabase implements AutoCloseable {
  /** The benchmark table's columns: ~100 bytes a row in PostgreSQL. */
  static final String COLUMNS =
      "id BIGINT PRIMARY KEY, name TEXT NOT NULL, amount NUMERIC(12,2) NOT NULL,"
          + " created_at TIMESTAMP NOT NULL, active BOOLEAN NOT NULL";

  static final String SOURCE_TABLE = "bench_rows";

  private final EmbeddedPostgres postgres;

  private JdbcBenchDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static JdbcBenchDatabase start(Path workDir) {
    try {
      Path binaries = workDir.resolve("pg-binaries");
      Path data = workDir.resolve("pg-data");
      Files.createDirectories(binaries);
      return new JdbcBenchDatabase(
          EmbeddedPostgres.builder()
              .setOverrideWorkingDirectory(binaries.toFile())
              .setDataDirectory(data)
              .setCleanDataDirectory(true)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "100")
              .start());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded PostgreSQL under " + workDir, e);
    }
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  String user() {
    return "postgres";
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), user(), "");
  }

  /** Runs each statement in autocommit mode. */
  void execute(String... statements) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
    }
  }

  /** The single long the query returns. */
  long queryLong(String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  /** A fresh (dropped and re-created) empty table with the benchmark's columns. */
  void freshTable(String table) {
    execute("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (" + COLUMNS + ")");
  }

  /** Creates the source table with {@code rows} generated rows and analyzes it. */
  void createSourceTable(long rows) {
    freshTable(SOURCE_TABLE);
    execute(
        "INSERT INTO "
            + SOURCE_TABLE
            + " SELECT g, md5(g::text) || md5((g * 7)::text), (g % 1000000) / 100.0,"
            + " TIMESTAMP '2026-01-01 00:00:00' + g * INTERVAL '1 second', g % 2 = 0"
            + " FROM generate_series(1, "
            + rows
            + ") AS g",
        "VACUUM ANALYZE " + SOURCE_TABLE);
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stop the embedded PostgreSQL", e);
    }
  }
}
