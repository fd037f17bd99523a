package io.tributary.connect.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A real PostgreSQL 16 (embedded binaries, unpacked under target/tmp) on a free loopback port, for
 * the tests. Each instance is its own server; {@link #close} stops it and deletes its data.
 */
public final class TestingPostgres implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private TestingPostgres(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  public static TestingPostgres start() {
    try {
      return new TestingPostgres(
          EmbeddedPostgres.builder()
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "100")
              .start());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
    }
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/postgres}; user postgres, no password. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  public String user() {
    return "postgres";
  }

  public DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  /** Runs each statement in autocommit mode. */
  public void execute(String... statements) {
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
    }
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
