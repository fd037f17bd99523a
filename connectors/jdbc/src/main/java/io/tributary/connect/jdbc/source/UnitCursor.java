package io.tributary.connect.jdbc.source;

import io.tributary.connect.jdbc.db.DialectKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open query of one unit, streamed with the fetch size (on PostgreSQL inside a transaction, the
 * driver's condition for a cursor), read a batch at a time across polls. It reads one row ahead, so
 * the offset of a range's last row already says the range is done. Closing it ends the transaction
 * (it only read) and returns the connection. Used by the task thread only.
 */
final class UnitCursor implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(UnitCursor.class);

  private final UnitState state;
  private final Connection connection;
  private final PreparedStatement statement;
  private final ResultSet rs;
  private final RowSchema schema;
  private final String topic;
  private final Calendar calendar;
  private final int incrementingIndex;
  private final int[] timestampIndexes;
  private final int splitIndex;
  private boolean hasRow;
  private int lastSize;

  private UnitCursor(
      UnitState state,
      Connection connection,
      PreparedStatement statement,
      ResultSet rs,
      Setup setup)
      throws SQLException {
    this.state = state;
    this.connection = connection;
    this.statement = statement;
    this.rs = rs;
    this.topic = setup.topic();
    this.calendar = setup.context().calendar();
    ResultSetMetaData meta = rs.getMetaData();
    List<String> labels = Columns.labels(meta);
    UnitQuery.Resolved columns = setup.context().columns();
    this.incrementingIndex = columns.incrementing().map(c -> labels.indexOf(c) + 1).orElse(0);
    this.timestampIndexes =
        columns.timestamps().stream().mapToInt(c -> labels.indexOf(c) + 1).toArray();
    Optional<Split> split = state.unit().split();
    boolean rowid = split.map(s -> s.kind() == SplitKind.ROWID).orElse(false);
    this.splitIndex =
        split.map(s -> labels.indexOf(rowid ? SourceSql.ROWID_LABEL : s.column()) + 1).orElse(0);
    this.schema =
        RowSchema.of(
            meta,
            state.unit().source(),
            setup.primaryKey(),
            setup.options(),
            rowid ? List.of(SourceSql.ROWID_LABEL) : List.of());
    this.hasRow = rs.next();
  }

  /** What opening a cursor needs besides the unit. */
  record Setup(
      UnitQuery.Context context,
      List<String> primaryKey,
      ColumnMapping.Options options,
      String topic,
      int fetchSize) {}

  static UnitCursor open(Connection connection, UnitState state, UnitQuery query, Setup setup)
      throws SQLException {
    PreparedStatement statement = null;
    try {
      if (setup.context().sql().dialect().kind() == DialectKind.POSTGRES) {
        connection.setAutoCommit(false);
      }
      statement =
          connection.prepareStatement(
              query.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      statement.setFetchSize(setup.fetchSize());
      query.bind(statement);
      LOGGER.debug("Reading {}: {}", state.unit().describe(), query.sql());
      ResultSet rs = statement.executeQuery();
      return new UnitCursor(state, connection, statement, rs, setup);
    } catch (SQLException | RuntimeException e) {
      if (statement != null) {
        statement.close();
      }
      connection.close();
      throw e;
    }
  }

  UnitState state() {
    return state;
  }

  boolean hasRow() {
    return hasRow;
  }

  /** The current row as a record, with the offset after it; moves to the next row. */
  SourceRecord next() throws SQLException {
    schema.read(rs);
    lastSize = schema.size();
    if (state.unit().kind() == WorkUnit.Kind.STREAM) {
      Long inc = incrementingIndex > 0 ? rs.getLong(incrementingIndex) : null;
      Timestamp ts = null;
      for (int index : timestampIndexes) {
        ts = rs.getTimestamp(index, calendar);
        if (ts != null) {
          break;
        }
      }
      hasRow = rs.next();
      state.advanceStream(inc, ts);
    } else {
      String last =
          splitIndex > 0
              ? state.unit().split().orElseThrow().kind().read(rs, splitIndex, calendar)
              : null;
      hasRow = rs.next();
      state.advanceLoad(last, !hasRow);
    }
    return new SourceRecord(
        state.partition(),
        state.offset(),
        topic,
        null,
        schema.keySchema().orElse(null),
        schema.key(),
        schema.valueSchema(),
        schema.value());
  }

  /** About how many bytes the row last returned by {@link #next} had. */
  int lastSize() {
    return lastSize;
  }

  @Override
  public void close() {
    try (Connection c = connection;
        PreparedStatement s = statement;
        ResultSet r = rs) {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      LOGGER.warn("Closing the query of {} failed: {}", state.unit().describe(), e.getMessage());
    }
  }
}
