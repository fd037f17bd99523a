package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * What the connectors are measured beside, through the PostgreSQL JDBC driver in the harness JVM:
 * {@code COPY (SELECT ...) TO STDOUT}, {@code COPY ... FROM STDIN} and a batched {@code INSERT ...
 * ON CONFLICT}. Single-threaded; one step at a time.
 */
final class JdbcBaselines {
  /** Rows per JDBC batch and per commit of the batched upsert: the sink's default batch.size. */
  static final int UPSERT_BATCH = 3000;

  private final JdbcBenchDatabase database;
  private final Path copyFile;

  JdbcBaselines(JdbcBenchDatabase database, Path copyFile) {
    this.database = requireNonNull(database, "database is null");
    this.copyFile = requireNonNull(copyFile, "copyFile is null");
  }

  /**
   * {@code COPY (SELECT * FROM source) TO STDOUT} into a file (the input of {@link #copyFrom}); the
   * rows counted from the driver's answer.
   */
  JdbcResults.Timing copyTo(long expectedRows) {
    try (Connection connection = database.connect();
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(copyFile), 1 << 16)) {
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      long started = System.nanoTime();
      long rows =
          copy.copyOut(
              "COPY (SELECT * FROM " + JdbcBenchDatabase.SOURCE_TABLE + ") TO STDOUT", out);
      out.flush();
      Duration wall = Duration.ofNanos(System.nanoTime() - started);
      expect(rows, expectedRows, "COPY TO");
      return new JdbcResults.Timing(rows, wall);
    } catch (SQLException e) {
      throw new IllegalStateException("COPY TO failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + copyFile, e);
    }
  }

  /** {@code COPY table FROM STDIN} of the file {@link #copyTo} wrote, into a fresh table. */
  JdbcResults.Timing copyFrom(String table, long expectedRows) {
    database.freshTable(table);
    try (Connection connection = database.connect();
        InputStream in = new BufferedInputStream(Files.newInputStream(copyFile), 1 << 16)) {
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      long started = System.nanoTime();
      long rows = copy.copyIn("COPY " + table + " FROM STDIN", in);
      Duration wall = Duration.ofNanos(System.nanoTime() - started);
      expect(rows, expectedRows, "COPY FROM");
      return new JdbcResults.Timing(rows, wall);
    } catch (SQLException e) {
      throw new IllegalStateException("COPY FROM failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + copyFile, e);
    }
  }

  /**
   * {@code INSERT ... ON CONFLICT (id) DO UPDATE} of every source row into a fresh table, {@link
   * #UPSERT_BATCH} rows per JDBC batch and transaction. The source rows are read in pages between
   * batches; only the batches' execution and commits are timed.
   */
  JdbcResults.Timing batchedUpsert(String table, long expectedRows) {
    database.freshTable(table);
    String upsert =
        "INSERT INTO "
            + table
            + " (id, name, amount, created_at, active) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, amount = EXCLUDED.amount,"
            + " created_at = EXCLUDED.created_at, active = EXCLUDED.active";
    String page =
        "SELECT id, name, amount, created_at, active FROM "
            + JdbcBenchDatabase.SOURCE_TABLE
            + " WHERE id > ? ORDER BY id LIMIT "
            + UPSERT_BATCH;
    long timed = 0;
    long rows = 0;
    try (Connection reader = database.connect();
        Connection writer = database.connect();
        PreparedStatement read = reader.prepareStatement(page);
        PreparedStatement write = writer.prepareStatement(upsert)) {
      writer.setAutoCommit(false);
      long last = Long.MIN_VALUE;
      while (true) {
        int batch = 0;
        read.setLong(1, last);
        try (ResultSet result = read.executeQuery()) {
          while (result.next()) {
            last = result.getLong(1);
            write.setLong(1, last);
            write.setString(2, result.getString(2));
            write.setBigDecimal(3, result.getBigDecimal(3));
            write.setTimestamp(4, result.getTimestamp(4));
            write.setBoolean(5, result.getBoolean(5));
            write.addBatch();
            batch++;
          }
        }
        if (batch == 0) {
          break;
        }
        long started = System.nanoTime();
        write.executeBatch();
        writer.commit();
        timed += System.nanoTime() - started;
        rows += batch;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Batched upsert failed: " + e.getMessage(), e);
    }
    expect(rows, expectedRows, "the batched upsert");
    long inTable = database.queryLong("SELECT count(*) FROM " + table);
    expect(inTable, expectedRows, "the batched upsert's table");
    return new JdbcResults.Timing(rows, Duration.ofNanos(timed));
  }

  private static void expect(long rows, long expected, String what) {
    if (rows != expected) {
      throw new IllegalStateException(what + " moved " + rows + " rows, expected " + expected);
    }
  }
}
