package io.tributary.connect.jdbc.source;

import io.tributary.connect.jdbc.db.ConnectionPool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the work units the connector gave it ({@link JdbcSourceConnector#UNITS_CONFIG}): each in
 * turn when it is due, streaming its query a batch ({@code batch.max.rows}) per poll, one query
 * open at a time. Progress comes from the committed offsets on start, so a restarted task resumes
 * each stream after its last row and each range after its last split value. Throttled to its share
 * of the connector's limits.
 *
 * <p>Threading: {@link #poll} runs on the worker's task thread; {@link #stop} may come from another
 * thread and wakes a waiting poll.
 */
public class JdbcSourceTask extends SourceTask {
  private static final Logger LOGGER = LoggerFactory.getLogger(JdbcSourceTask.class);
  private static final long MAX_WAIT_MS = 1_000;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition stopped = lock.newCondition();
  private volatile boolean stopping;

  private JdbcSourceConfig config;
  private ConnectionPool pool;
  private SourceSql sql;
  private LoadSchedule schedule;
  private Throttle throttle;
  private ColumnMapping.Options options;
  private final List<UnitState> units = new ArrayList<>();
  private final Map<RowSource, UnitCursor.Setup> setups = new HashMap<>();
  private UnitCursor cursor;
  private int next;
  private int failures;
  private int queryFailures;

  @Override
  public String version() {
    return JdbcSourceConnector.implementationVersion();
  }

  @Override
  public void start(Map<String, String> props) {
    config = new JdbcSourceConfig(props).validated();
    pool = ConnectionPool.open(config.connection(), "tributary-jdbc-source-task", 1);
    sql = SourceSql.of(config);
    schedule = LoadSchedule.of(config);
    int tasks = Integer.parseInt(props.getOrDefault(JdbcSourceConnector.TASK_COUNT_CONFIG, "1"));
    throttle =
        Throttle.shared(config.throttleRecordsPerSecond(), config.throttleBytesPerSecond(), tasks);
    options =
        new ColumnMapping.Options(
            config.numericMapping(),
            config.timePrecision(),
            config.dbTimeZone(),
            sql.dialect().kind(),
            config.timestampGranularity());
    List<WorkUnit> assigned = WorkUnit.decodeAll(props.get(JdbcSourceConnector.UNITS_CONFIG));
    List<Map<String, String>> partitions = assigned.stream().map(WorkUnit::partition).toList();
    Map<Map<String, String>, Map<String, Object>> committed =
        context.offsetStorageReader().offsets(partitions);
    long now = System.currentTimeMillis();
    for (WorkUnit unit : assigned) {
      UnitState state = new UnitState(unit);
      state.finalLoad(schedule.finalLoad(unit));
      Map<String, Object> offset = committed == null ? null : committed.get(unit.partition());
      state.restore(offset);
      if (offset == null && unit.kind() == WorkUnit.Kind.STREAM) {
        initialStreamPosition(state);
      }
      if (unit.kind() == WorkUnit.Kind.LOAD && state.done()) {
        state.nextDueMillis(schedule.next(unit, state.loadStarted()));
      } else {
        state.nextDueMillis(schedule.first(unit, now));
      }
      units.add(state);
    }
    LOGGER.info("JDBC source task reading {} unit(s)", units.size());
    logWhenAllLoadsComplete();
  }

  /** A stream without offsets starts at its split load's watermark, else at timestamp.initial. */
  private void initialStreamPosition(UnitState state) {
    WorkUnit unit = state.unit();
    if (unit.watermark().isPresent()) {
      WorkUnit.Watermark w = unit.watermark().get();
      Long inc = w.incrementing().orElse(null);
      Timestamp ts = w.timestamp().map(t -> Timestamp.from(Instant.parse(t))).orElse(null);
      if (ts != null && config.mode() == SourceMode.TIMESTAMP_INCREMENTING) {
        // The load read ts <= watermark: the stream goes on strictly after it.
        inc = Long.MAX_VALUE;
      }
      state.advanceStream(inc, ts);
      return;
    }
    if (config.mode().usesTimestamp() && config.timestampInitial().isPresent()) {
      long initial = config.timestampInitial().get();
      state.advanceStream(
          null, initial == -1 ? Timestamp.from(databaseNow()) : new Timestamp(initial));
    }
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    if (stopping) {
      return null;
    }
    try {
      if (cursor == null && !openNextDue()) {
        return null;
      }
      List<SourceRecord> batch = new ArrayList<>();
      while (!stopping && batch.size() < config.batchMaxRows() && cursor.hasRow()) {
        batch.add(cursor.next());
        throttle.acquire(cursor.lastSize(), () -> stopping);
      }
      if (!cursor.hasRow()) {
        finishCursor();
      }
      failures = 0;
      queryFailures = 0;
      return batch.isEmpty() ? null : batch;
    } catch (SQLException e) {
      closeCursor();
      if (stopping) {
        return null;
      }
      RuntimeException failure = failure(e);
      if (failure instanceof RetriableException && queryFailures > 0) {
        // A failing query is not sent again at once (the worker polls again right away).
        await(Math.min(config.pollIntervalMs(), MAX_WAIT_MS));
      }
      throw failure;
    }
  }

  private boolean openNextDue() throws SQLException, InterruptedException {
    long now = System.currentTimeMillis();
    UnitState due = null;
    long earliest = Long.MAX_VALUE;
    for (int i = 0; i < units.size(); i++) {
      UnitState candidate = units.get((next + i) % units.size());
      if (candidate.nextDueMillis() <= now) {
        due = candidate;
        next = (units.indexOf(candidate) + 1) % units.size();
        break;
      }
      earliest = Math.min(earliest, candidate.nextDueMillis());
    }
    if (due == null) {
      await(earliest == Long.MAX_VALUE ? MAX_WAIT_MS : Math.min(MAX_WAIT_MS, earliest - now));
      return false;
    }
    cursor = open(due);
    return true;
  }

  private UnitCursor open(UnitState state) throws SQLException {
    WorkUnit unit = state.unit();
    Connection connection = pool.connection();
    try {
      if (config.isolationMode().level().isPresent()) {
        // The pool restores the connection's own level when it is returned.
        connection.setTransactionIsolation(config.isolationMode().level().getAsInt());
      }
      UnitCursor.Setup setup = setup(connection, unit.source());
      UnitQuery query;
      if (unit.kind() == WorkUnit.Kind.STREAM) {
        query = UnitQuery.stream(setup.context(), state, end(connection));
      } else {
        state.startLoad(System.currentTimeMillis());
        query = UnitQuery.load(setup.context(), state);
      }
      return UnitCursor.open(connection, state, query, setup);
    } catch (SQLException | RuntimeException e) {
      if (!connection.isClosed()) {
        connection.close();
      }
      throw e;
    }
  }

  /** Resolves a source's columns and key once (a probe query), then keeps them. */
  private UnitCursor.Setup setup(Connection connection, RowSource source) throws SQLException {
    UnitCursor.Setup setup = setups.get(source);
    if (setup == null) {
      UnitQuery.Resolved columns;
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(sql.probe(source))) {
        columns = Columns.modeColumns(rs.getMetaData(), config, source, sql.dialect());
      }
      Calendar calendar =
          Calendar.getInstance(TimeZone.getTimeZone(config.dbTimeZone()), Locale.ROOT);
      setup =
          new UnitCursor.Setup(
              new UnitQuery.Context(sql, config.mode(), columns, calendar),
              Columns.primaryKey(connection, source),
              options,
              source.topic(config.topicPrefix()),
              config.fetchSize());
      setups.put(source, setup);
    }
    return setup;
  }

  /** The timestamp modes' upper bound: the database's time minus the delay. */
  private Instant end(Connection connection) throws SQLException {
    if (!config.mode().usesTimestamp()) {
      return Instant.EPOCH;
    }
    return now(connection).minusMillis(config.timestampDelayMs());
  }

  private Instant now(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql.currentTimestamp())) {
      rs.next();
      return rs.getTimestamp(1, Calendar.getInstance(TimeZone.getTimeZone("UTC"))).toInstant();
    }
  }

  private Instant databaseNow() {
    try (Connection connection = pool.connection()) {
      return now(connection);
    } catch (SQLException e) {
      throw new ConnectException("Cannot read the database's current time: " + e.getMessage(), e);
    }
  }

  private void finishCursor() {
    UnitState state = cursor.state();
    closeCursor();
    long now = System.currentTimeMillis();
    if (state.unit().kind() == WorkUnit.Kind.LOAD) {
      state.advanceLoad(null, true);
      long due = schedule.next(state.unit(), now);
      if (due == LoadSchedule.NEVER) {
        LOGGER.info(
            "Load of {} done{}",
            state.unit().describe(),
            state.unit().watermark().isPresent() ? "" : "; load.once: idling");
        logWhenAllLoadsComplete();
      }
      state.nextDueMillis(due);
    } else {
      state.nextDueMillis(schedule.next(state.unit(), now));
    }
  }

  /**
   * Connect's status API has no message for a running task, so a finished one-shot load is told in
   * the log (and in the offsets: {@code "load.complete": true} on each range).
   */
  private void logWhenAllLoadsComplete() {
    if (!config.loadOnce()) {
      return;
    }
    long loads = units.stream().filter(u -> u.unit().kind() == WorkUnit.Kind.LOAD).count();
    if (loads > 0
        && units.stream()
            .filter(u -> u.unit().kind() == WorkUnit.Kind.LOAD)
            .allMatch(UnitState::complete)) {
      LOGGER.info(
          "load.once: all {} load(s) of this task are complete; the task stays RUNNING and idles"
              + " (GET /connectors/{name}/offsets shows \"load.complete\": true per range)",
          loads);
    }
  }

  private void closeCursor() {
    if (cursor != null) {
      cursor.close();
      cursor = null;
    }
  }

  /**
   * A lost connection is retried (the next poll reopens the query where the task stands) until
   * connection.attempts polls in a row failed; any other SQL error is retried query.retry.attempts
   * times in a row (-1: always), then fails the task.
   */
  private RuntimeException failure(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    // 08xxx: connection exceptions; 57P01-57P03: the server shut down or cannot take connections.
    boolean connectionLost =
        state.startsWith("08")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03");
    if (connectionLost && ++failures < config.connection().attempts()) {
      LOGGER.warn("Lost the database connection ({}); retrying", e.getMessage());
      return new RetriableException("Lost the database connection: " + e.getMessage(), e);
    }
    int retries = config.queryRetryAttempts();
    if (!connectionLost && (retries == -1 || queryFailures < retries)) {
      queryFailures++;
      LOGGER.warn(
          "Query failed (SQL state {}): {}; retrying on the next poll ({} of {})",
          state,
          e.getMessage(),
          queryFailures,
          retries == -1 ? "unlimited" : retries);
      return new RetriableException(
          "Query failed (SQL state " + state + "): " + e.getMessage() + "; retrying", e);
    }
    if (connectionLost) {
      return new ConnectException(
          "Lost the connection to "
              + config.connection().url()
              + " "
              + failures
              + " time(s) in a row: the database is not reachable; check that it is running"
              + " (SQL state "
              + state
              + "): "
              + e.getMessage(),
          e);
    }
    return new ConnectException(
        "Reading from "
            + config.connection().url()
            + " failed (SQL state "
            + state
            + "): "
            + e.getMessage(),
        e);
  }

  private void await(long millis) throws InterruptedException {
    lock.lock();
    try {
      if (!stopping && millis > 0) {
        stopped.await(millis, TimeUnit.MILLISECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void stop() {
    lock.lock();
    try {
      stopping = true;
      stopped.signalAll();
    } finally {
      lock.unlock();
    }
    // The cursor belongs to the poll thread; it is closed there or with the pool below.
    if (pool != null) {
      pool.close();
    }
  }
}
