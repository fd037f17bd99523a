package io.tributary.connect.jdbc.sink;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.jdbc.db.DialectKind;
import io.tributary.connect.jdbc.db.TableId;
import io.tributary.connect.jdbc.sink.SinkStatements.Bound;
import java.io.IOException;
import java.io.StringReader;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records to their tables on a connection whose transaction the caller owns (it commits or
 * rolls back). Consecutive records for the same table, shape and operation form a run, sent as one
 * batched statement (or one COPY) per {@code batch.size} rows; runs are written in record order, so
 * a delete after an upsert of the same key stays after it. Not thread-safe.
 */
final class RecordWriter {
  private static final Logger LOGGER = LoggerFactory.getLogger(RecordWriter.class);

  /** Commits what was written before {@code count} records of the current call (before DDL). */
  @FunctionalInterface
  interface Checkpoint {
    void commitFirst(int count) throws SQLException;
  }

  private final JdbcSinkConfig config;
  private final TableCatalog catalog;
  private final SinkStatements statements;
  private final ValueBinder binder;
  private final CopyEncoder copyEncoder;
  private final boolean useCopy;
  private final Map<ShapeKey, RecordShape> shapes = new HashMap<>();

  RecordWriter(JdbcSinkConfig config, TableCatalog catalog, SinkStatements statements) {
    this.config = requireNonNull(config, "config is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.statements = requireNonNull(statements, "statements is null");
    this.binder =
        new ValueBinder(
            config.timeZone(), config.connection().dialect().kind() == DialectKind.POSTGRES);
    this.copyEncoder = new CopyEncoder(config.timeZone());
    this.useCopy =
        config.postgresCopy()
            && config.connection().dialect().kind() == DialectKind.POSTGRES
            && config.insertMode() == InsertMode.INSERT
            && (config.pkMode() == PkMode.NONE || config.pkMode() == PkMode.KAFKA);
  }

  private record ShapeKey(String topic, Schema keySchema, Schema valueSchema) {}

  /** The operation a run performs. */
  private enum Operation {
    WRITE,
    DELETE
  }

  private record RunKey(TableId table, RecordShape shape, Operation operation) {}

  /**
   * Writes {@code records} (already filtered of those written before) without committing.
   *
   * @throws SQLException naming the table and records when the database refuses a run
   */
  void write(Connection connection, List<SinkRecord> records, Checkpoint checkpoint)
      throws SQLException {
    RunKey runKey = null;
    int runStart = 0;
    List<SinkRecord> run = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      SinkRecord record = records.get(i);
      if (record.value() == null && !config.deleteEnabled()) {
        LOGGER.debug("Skipping tombstone {} (delete.enabled=false)", RecordShape.where(record));
        continue;
      }
      RunKey key =
          new RunKey(
              catalog.tableFor(record.topic()),
              shapeOf(record),
              record.value() == null ? Operation.DELETE : Operation.WRITE);
      if (!key.equals(runKey) || run.size() >= config.batchSize()) {
        if (!run.isEmpty()) {
          writeRun(connection, runKey, run, runStart, checkpoint);
        }
        run.clear();
        runKey = key;
        runStart = i;
      }
      run.add(record);
    }
    if (!run.isEmpty()) {
      writeRun(connection, runKey, run, runStart, checkpoint);
    }
  }

  private RecordShape shapeOf(SinkRecord record) {
    Schema valueSchema = record.value() == null ? null : record.valueSchema();
    ShapeKey key = new ShapeKey(record.topic(), record.keySchema(), valueSchema);
    RecordShape shape = valueSchema == null ? null : shapes.get(key);
    if (shape == null) {
      shape = RecordShape.of(config.pkMode(), config.pkFields(), config.fieldsWhitelist(), record);
      if (valueSchema != null) {
        shapes.put(key, shape);
      }
    }
    return shape;
  }

  private void writeRun(
      Connection connection, RunKey key, List<SinkRecord> run, int runStart, Checkpoint checkpoint)
      throws SQLException {
    DbTable table =
        catalog.tableFor(
            connection,
            key.table(),
            key.shape(),
            run.get(0),
            () -> checkpoint.commitFirst(runStart));
    try {
      if (key.operation() == Operation.WRITE && useCopy) {
        copy(connection, table, key.shape(), run);
      } else {
        batch(connection, table, key, run);
      }
    } catch (SQLException e) {
      catalog.forget(key.table());
      throw described(e, table.id(), run);
    }
  }

  private void batch(Connection connection, DbTable table, RunKey key, List<SinkRecord> run)
      throws SQLException {
    RecordShape shape = key.shape();
    List<String> keys = table.columnNames(shape.keyColumns());
    List<String> values = table.columnNames(shape.valueColumns());
    Bound bound =
        key.operation() == Operation.DELETE
            ? statements.delete(table.id(), keys)
            : switch (config.insertMode()) {
              case INSERT -> statements.insert(table.id(), keys, values);
              case UPSERT -> statements.upsert(table.id(), keys, values);
              case UPDATE -> statements.update(table.id(), keys, values);
            };
    Map<String, SinkColumn> byColumn = new HashMap<>();
    List<SinkColumn> all = shape.allColumns();
    List<String> allNames = table.columnNames(all);
    for (int i = 0; i < all.size(); i++) {
      byColumn.put(allNames.get(i), all.get(i));
    }
    List<SinkColumn> bindOrder = bound.bindOrder().stream().map(byColumn::get).toList();
    List<SinkRecord> rows =
        key.operation() == Operation.WRITE && config.insertMode() == InsertMode.UPSERT
            ? UpsertCollapse.lastPerKey(run, shape.keyColumns())
            : run;
    try (PreparedStatement statement = connection.prepareStatement(bound.sql())) {
      for (SinkRecord record : rows) {
        for (int i = 0; i < bindOrder.size(); i++) {
          SinkColumn column = bindOrder.get(i);
          binder.bind(statement, i + 1, column.schema(), column.valueIn(record));
        }
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private void copy(Connection connection, DbTable table, RecordShape shape, List<SinkRecord> run)
      throws SQLException {
    List<SinkColumn> columns = shape.allColumns();
    StringBuilder text = new StringBuilder(run.size() * 64);
    for (SinkRecord record : run) {
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          text.append('\t');
        }
        SinkColumn column = columns.get(i);
        copyEncoder.append(text, column.schema(), column.valueIn(record));
      }
      text.append('\n');
    }
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    try {
      copy.copyIn(
          statements.copyIn(table.id(), table.columnNames(columns)),
          new StringReader(text.toString()));
    } catch (IOException e) {
      throw new SQLException("COPY into " + table.id() + " failed: " + e.getMessage(), "08000", e);
    }
  }

  /** The database's error with the table and records it concerns; same SQL state. */
  private static SQLException described(SQLException e, TableId table, List<SinkRecord> run) {
    StringBuilder message = new StringBuilder("Cannot write ");
    message
        .append(run.size())
        .append(" record(s) (")
        .append(RecordShape.where(run.get(0)))
        .append(run.size() > 1 ? " to " + run.get(run.size() - 1).kafkaOffset() : "")
        .append(") to table ")
        .append(table)
        .append(": ")
        .append(e.getMessage());
    SQLException next = e instanceof BatchUpdateException ? e.getNextException() : null;
    if (next != null && !Objects.equals(next.getMessage(), e.getMessage())) {
      message.append(" (").append(next.getMessage()).append(')');
    }
    SQLException described = new SQLException(message.toString(), e.getSQLState(), e);
    return described;
  }
}
