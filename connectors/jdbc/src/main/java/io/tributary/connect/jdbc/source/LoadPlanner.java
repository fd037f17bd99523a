package io.tributary.connect.jdbc.source;

import static java.util.Objects.requireNonNull;

import io.tributary.connect.jdbc.db.DialectKind;
import io.tributary.connect.jdbc.db.TableId;
import io.tributary.connect.jdbc.source.WorkUnit.Kind;
import io.tributary.connect.jdbc.source.WorkUnit.Watermark;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the row sources to copy into work units (connector side). Unsplit: one LOAD (bulk) or one
 * STREAM per source. Split ({@code split.ranges > 1} or {@code split.rows.per.range > 0}): the
 * ranges of the split column computed from a boundary query ({@code MIN}, {@code MAX}, {@code
 * COUNT}); in the incremental modes the ranges read only up to a watermark (the incrementing
 * column's maximum, or the database's time minus the delay) and the STREAM starts there. A plan
 * already stored in the offsets (every range's offset carries it) is reused, so ranges stay the
 * same across restarts and progress in them is kept. Not thread-safe; one per planning.
 */
final class LoadPlanner {
  private static final Logger LOGGER = LoggerFactory.getLogger(LoadPlanner.class);

  private final JdbcSourceConfig config;
  private final SourceSql sql;
  private final Optional<OffsetStorageReader> offsets;

  LoadPlanner(JdbcSourceConfig config, SourceSql sql, Optional<OffsetStorageReader> offsets) {
    this.config = requireNonNull(config, "config is null");
    this.sql = requireNonNull(sql, "sql is null");
    this.offsets = requireNonNull(offsets, "offsets is null");
  }

  List<WorkUnit> plan(Connection connection, RowSource source) throws SQLException {
    SourceMode mode = config.mode();
    Kind mainKind = mode == SourceMode.BULK ? Kind.LOAD : Kind.STREAM;
    if (!config.splitRequested()) {
      return List.of(new WorkUnit(mainKind, source, Optional.empty(), Optional.empty()));
    }
    Optional<WorkUnit> stored = storedPlan(source);
    WorkUnit template;
    if (stored.isPresent()) {
      template = stored.get();
      LOGGER.info(
          "Reusing the stored split plan of {} ({} ranges)",
          source.describe(),
          template.split().orElseThrow().rangeCount());
    } else {
      Optional<WorkUnit> fresh = freshPlan(connection, source, mode);
      if (fresh.isEmpty()) {
        return List.of(new WorkUnit(mainKind, source, Optional.empty(), Optional.empty()));
      }
      template = fresh.get();
    }
    List<WorkUnit> units = new ArrayList<>();
    if (mode != SourceMode.BULK) {
      units.add(new WorkUnit(Kind.STREAM, source, Optional.empty(), template.watermark()));
    }
    Split split = template.split().orElseThrow();
    for (int i = 0; i < split.rangeCount(); i++) {
      units.add(
          new WorkUnit(Kind.LOAD, source, Optional.of(split.withIndex(i)), template.watermark()));
    }
    return units;
  }

  private Optional<WorkUnit> storedPlan(RowSource source) {
    if (offsets.isEmpty()) {
      return Optional.empty();
    }
    int candidates = Math.max(config.splitRanges(), 64) + 1;
    List<Map<String, String>> partitions = new ArrayList<>();
    for (int i = 0; i < candidates; i++) {
      partitions.add(source.rangePartition(i));
    }
    Map<Map<String, String>, Map<String, Object>> found = offsets.get().offsets(partitions);
    if (found == null) {
      return Optional.empty();
    }
    for (Map<String, String> partition : partitions) {
      Optional<WorkUnit> unit = WorkUnit.fromPlanFields(source, found.get(partition), Kind.LOAD);
      if (unit.isPresent()) {
        return unit;
      }
    }
    return Optional.empty();
  }

  private Optional<WorkUnit> freshPlan(Connection connection, RowSource source, SourceMode mode)
      throws SQLException {
    String column;
    SplitKind kind;
    boolean nullable;
    boolean unique;
    List<String> primaryKey = Columns.primaryKey(connection, source);
    boolean rowid =
        sql.dialect().kind() == DialectKind.ORACLE
            && config.splitColumn().equalsIgnoreCase(SourceSql.ROWID);
    if (rowid) {
      column = SourceSql.ROWID;
      kind = SplitKind.ROWID;
      nullable = false;
      unique = true;
    } else {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(sql.probe(source))) {
        ResultSetMetaData meta = rs.getMetaData();
        int index;
        if (!config.splitColumn().isEmpty()) {
          index =
              Columns.resolve(
                  meta,
                  config.splitColumn(),
                  JdbcSourceConfig.SPLIT_COLUMN_CONFIG,
                  source,
                  sql.dialect());
        } else {
          index = primaryKeySplitColumn(meta, primaryKey);
          if (index == 0) {
            LOGGER.warn(
                "{} has no numeric, date or timestamp primary key column to split on (primary key:"
                    + " {}) and split.column is empty: its load is read as one range; set"
                    + " split.column to split it",
                source.describe(),
                primaryKey.isEmpty() ? "none" : primaryKey);
            return Optional.empty();
          }
        }
        column = meta.getColumnLabel(index);
        Optional<SplitKind> splitKind =
            SplitKind.of(meta.getColumnType(index), meta.getScale(index));
        if (splitKind.isEmpty()) {
          throw new ConnectException(
              "Column '"
                  + column
                  + "' of "
                  + source.describe()
                  + " has type "
                  + meta.getColumnTypeName(index)
                  + ", which cannot be split into ranges; set split.column to a numeric, date or"
                  + " timestamp column");
        }
        kind = splitKind.get();
        nullable = meta.isNullable(index) != ResultSetMetaData.columnNoNulls;
        unique = primaryKey.equals(List.of(column));
      }
    }
    Optional<Watermark> watermark = watermark(connection, source, mode);
    if (mode != SourceMode.BULK && watermark.isEmpty()) {
      // Nothing to load yet: the stream reads the table from its start.
      return Optional.empty();
    }
    List<String> cuts =
        rowid ? rowidCuts(connection, source) : cuts(connection, source, column, kind);
    Split split = new Split(column, kind, unique, nullable, cuts, 0);
    LOGGER.info(
        "Split plan of {}: {} ranges of column {}{}",
        source.describe(),
        split.rangeCount(),
        column,
        watermark.map(w -> ", up to " + w).orElse(""));
    return Optional.of(new WorkUnit(Kind.LOAD, source, Optional.of(split), watermark));
  }

  /**
   * Without split.column: the primary key's first numeric, date or timestamp column, in key order
   * (for a composite key it is not unique, so resumed ranges re-read its ties); 0 when there is
   * none (no key, or text keys only).
   */
  private static int primaryKeySplitColumn(ResultSetMetaData meta, List<String> primaryKey)
      throws SQLException {
    List<String> labels = Columns.labels(meta);
    for (String keyColumn : primaryKey) {
      int index = labels.indexOf(keyColumn) + 1;
      if (index > 0 && SplitKind.of(meta.getColumnType(index), meta.getScale(index)).isPresent()) {
        if (primaryKey.size() > 1) {
          LOGGER.info(
              "Splitting on {}, the first splittable column of the composite primary key {}",
              keyColumn,
              primaryKey);
        }
        return index;
      }
    }
    return 0;
  }

  private List<String> cuts(Connection connection, RowSource source, String column, SplitKind kind)
      throws SQLException {
    boolean byRows = config.splitRowsPerRange() > 0;
    Calendar calendar =
        Calendar.getInstance(TimeZone.getTimeZone(config.dbTimeZone()), Locale.ROOT);
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql.boundary(source, column, byRows))) {
      rs.next();
      String min = kind.read(rs, 1, calendar);
      String max = kind.read(rs, 2, calendar);
      int ranges = config.splitRanges();
      if (byRows) {
        long count = rs.getLong(3);
        ranges =
            (int)
                Math.max(
                    1,
                    Math.min(
                        10_000,
                        (count + config.splitRowsPerRange() - 1) / config.splitRowsPerRange()));
      }
      return kind.cuts(min, max, ranges);
    }
  }

  private List<String> rowidCuts(Connection connection, RowSource source) throws SQLException {
    TableId table =
        source
            .table()
            .orElseThrow(
                () ->
                    new ConnectException(
                        "split.column=ROWID splits tables only; for a query name a column"));
    List<String> cuts = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql.oracleRowidCuts())) {
      statement.setInt(1, config.splitRanges());
      statement.setString(2, table.schema().orElse(connection.getSchema()));
      statement.setString(3, table.table());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          cuts.add(rs.getString(1));
        }
      }
    }
    return cuts;
  }

  private Optional<Watermark> watermark(Connection connection, RowSource source, SourceMode mode)
      throws SQLException {
    if (mode == SourceMode.BULK) {
      return Optional.empty();
    }
    if (mode == SourceMode.INCREMENTING) {
      String column = resolveIncrementing(connection, source);
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(sql.maximum(source, column))) {
        rs.next();
        long max = rs.getLong(1);
        return rs.wasNull()
            ? Optional.empty()
            : Optional.of(new Watermark(Optional.of(max), Optional.empty()));
      }
    }
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql.currentTimestamp())) {
      rs.next();
      Timestamp now = rs.getTimestamp(1, Calendar.getInstance(TimeZone.getTimeZone("UTC")));
      String at = now.toInstant().minusMillis(config.timestampDelayMs()).toString();
      return Optional.of(new Watermark(Optional.empty(), Optional.of(at)));
    }
  }

  private String resolveIncrementing(Connection connection, RowSource source) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql.probe(source))) {
      int index = Columns.incrementingColumn(rs.getMetaData(), config, source, sql.dialect());
      return rs.getMetaData().getColumnLabel(index);
    }
  }
}
