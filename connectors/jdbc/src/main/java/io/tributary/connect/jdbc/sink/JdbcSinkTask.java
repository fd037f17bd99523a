package io.tributary.connect.jdbc.sink;

import io.tributary.connect.jdbc.db.ConnectionPool;
import io.tributary.connect.jdbc.db.DialectKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the records of each {@link #put} in one database transaction and, with {@code
 * exactly.once.enabled}, stores the next offset of every partition written in {@link
 * SinkOffsetTable} in that same transaction. {@link #open} reads those offsets and seeks the
 * consumer to them; records below them (delivered again because Kafka Connect's own offset commit
 * lagged behind the database) are skipped, so each record is written once even after a crash.
 * {@link #preCommit} reports the stored offsets, which Kafka Connect then commits.
 *
 * <p>Errors: a transient failure (connection lost, deadlock, serialization failure, database
 * unavailable) rolls back and is retried {@code max.retries} times after {@code retry.backoff.ms};
 * any other failure rolls back and fails the task with the database's message, the table and the
 * records. Lifecycle and threading as Kafka Connect defines for sink tasks: one thread.
 */
public final class JdbcSinkTask extends SinkTask {
  private static final Logger LOGGER = LoggerFactory.getLogger(JdbcSinkTask.class);

  private JdbcSinkConfig config;
  private String connectorName;
  private ConnectionPool pool;
  private TableCatalog catalog;
  private RecordWriter writer;
  private SinkOffsetTable offsetTable;
  private boolean offsetTableReady;
  private int retriesLeft;

  /**
   * Set after a transient failure: a COMMIT cut off by a lost connection may have succeeded, so the
   * next put re-reads the stored offsets instead of trusting the ones in memory.
   */
  private boolean offsetsUncertain;

  /** Per assigned partition: the offset of the next record not yet in the database. */
  private final Map<TopicPartition, Long> stored = new HashMap<>();

  @Override
  public String version() {
    return JdbcSinkConnector.versionOf(JdbcSinkTask.class);
  }

  @Override
  public void start(Map<String, String> props) {
    config = new JdbcSinkConfig(props);
    connectorName = props.get("name");
    if (config.exactlyOnce() && (connectorName == null || connectorName.isBlank())) {
      throw new ConfigException(
          "name",
          connectorName,
          "exactly.once.enabled=true keys the stored offsets by connector name, but the task"
              + " config has none");
    }
    Identifiers ids = new Identifiers(config.connection().dialect(), config.quoteIdentifiers());
    SinkStatements statements = new SinkStatements(ids);
    catalog = new TableCatalog(config, statements);
    writer = new RecordWriter(config, catalog, statements);
    offsetTable =
        config.exactlyOnce()
            ? new SinkOffsetTable(
                config.connection().dialect(), config.offsetsTableName(), connectorName)
            : null;
    pool =
        ConnectionPool.open(
            config.connection(),
            "tributary-jdbc-sink-" + (connectorName == null ? "" : connectorName),
            1,
            driverProperties(config));
    retriesLeft = config.maxRetries();
    LOGGER.info(
        "JDBC sink task started: connector {}, insert.mode {}, pk.mode {}, exactly once {}",
        connectorName,
        config.insertMode().configName(),
        config.pkMode().configName(),
        config.exactlyOnce());
  }

  /**
   * Driver properties of the sink's pool: on PostgreSQL, {@code reWriteBatchedInserts=true}
   * (batched INSERTs and upserts sent as multi-row statements; upsert runs are collapsed to the
   * last record per key first, see {@link UpsertCollapse}). A value in {@code connection.url} wins.
   */
  static Map<String, String> driverProperties(JdbcSinkConfig config) {
    return config.connection().dialect().kind() == DialectKind.POSTGRES
        ? Map.of("reWriteBatchedInserts", "true")
        : Map.of();
  }

  @Override
  public void open(Collection<TopicPartition> partitions) {
    if (offsetTable == null || partitions.isEmpty()) {
      return;
    }
    try (Connection connection = pool.connection()) {
      connection.setAutoCommit(false);
      if (!offsetTableReady) {
        offsetTable.ensureExists(connection, catalog);
        offsetTableReady = true;
      }
      Map<TopicPartition, Long> offsets = offsetTable.load(connection, new HashSet<>(partitions));
      connection.commit();
      stored.putAll(offsets);
      if (!offsets.isEmpty()) {
        context.offset(offsets);
        LOGGER.info("Resuming from the offsets stored in {}: {}", offsetTable.table(), offsets);
      }
    } catch (SQLException e) {
      throw new ConnectException(
          "Cannot read the stored offsets from "
              + offsetTable.table()
              + ": "
              + e.getMessage()
              + " (the connection user needs CREATE TABLE, or create it: "
              + offsetTable.createSql()
              + ")",
          e);
    }
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    partitions.forEach(stored::remove);
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    if (offsetsUncertain && !records.isEmpty()) {
      reloadOffsets(records);
    }
    List<SinkRecord> fresh = new ArrayList<>(records.size());
    for (SinkRecord record : records) {
      Long next = offsetTable == null ? null : stored.get(partitionOf(record));
      if (next == null || record.originalKafkaOffset() >= next) {
        fresh.add(record);
      }
    }
    if (fresh.size() < records.size()) {
      LOGGER.info(
          "Skipping {} record(s) already written (below the offsets stored in the database)",
          records.size() - fresh.size());
    }
    if (fresh.isEmpty()) {
      return;
    }
    Connection connection;
    try {
      connection = pool.connection();
    } catch (ConnectException e) {
      throw retryOrFail(e.getMessage(), e);
    }
    try (connection) {
      connection.setAutoCommit(false);
      try {
        writer.write(connection, fresh, count -> commit(connection, fresh.subList(0, count)));
        commit(connection, fresh);
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
      retriesLeft = config.maxRetries();
    } catch (SQLException e) {
      if (isTransient(e)) {
        offsetsUncertain = offsetTable != null;
        throw retryOrFail(e.getMessage(), e);
      }
      throw new ConnectException(e.getMessage() + "; the transaction was rolled back", e);
    }
  }

  private void reloadOffsets(Collection<SinkRecord> records) {
    Set<TopicPartition> partitions = new HashSet<>(stored.keySet());
    records.forEach(record -> partitions.add(partitionOf(record)));
    try (Connection connection = pool.connection()) {
      connection.setAutoCommit(false);
      Map<TopicPartition, Long> offsets = offsetTable.load(connection, partitions);
      connection.commit();
      partitions.forEach(stored::remove);
      stored.putAll(offsets);
      offsetsUncertain = false;
      LOGGER.info("Re-read the stored offsets after a failed write: {}", offsets);
    } catch (SQLException | ConnectException e) {
      throw retryOrFail("Cannot re-read the stored offsets: " + e.getMessage(), e);
    }
  }

  /** Commits the rows written so far with the next offsets of {@code written}. */
  private void commit(Connection connection, List<SinkRecord> written) throws SQLException {
    Map<TopicPartition, Long> next = new HashMap<>();
    for (SinkRecord record : written) {
      next.merge(partitionOf(record), record.originalKafkaOffset() + 1, Math::max);
    }
    if (offsetTable != null && !next.isEmpty()) {
      offsetTable.store(connection, stored, next);
    }
    connection.commit();
    if (offsetTable != null) {
      stored.putAll(next);
    }
  }

  private static TopicPartition partitionOf(SinkRecord record) {
    return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
  }

  private static void rollback(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private RuntimeException retryOrFail(String message, Exception cause) {
    if (retriesLeft > 0) {
      retriesLeft--;
      LOGGER.warn(
          "Write failed ({}); retrying in {} ms, {} retries left",
          message,
          config.retryBackoffMs(),
          retriesLeft);
      context.timeout(config.retryBackoffMs());
      return new RetriableException(message, cause);
    }
    return new ConnectException(
        message
            + "; gave up after "
            + config.maxRetries()
            + " retries (max.retries); nothing of the failed batch was written",
        cause);
  }

  /** Failures worth retrying: the connection, a deadlock or serialization conflict, a shutdown. */
  static boolean isTransient(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08")
            || state.startsWith("40")
            || state.startsWith("53")
            || state.startsWith("57")) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    if (offsetTable == null) {
      return currentOffsets;
    }
    Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    for (TopicPartition partition : currentOffsets.keySet()) {
      Long next = stored.get(partition);
      if (next != null) {
        committed.put(partition, new OffsetAndMetadata(next));
      }
    }
    return committed;
  }

  @Override
  public void stop() {
    if (pool != null) {
      pool.close();
    }
  }
}
