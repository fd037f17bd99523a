package io.tributary.connect.jdbc.source;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;

/**
 * The query of one work unit for its current progress: its SQL and its parameters in order.
 *
 * <ul>
 *   <li>bulk: {@code SELECT * FROM t};
 *   <li>incrementing: {@code WHERE inc > ? ORDER BY inc};
 *   <li>timestamp: {@code WHERE ts > ? AND ts < ? ORDER BY ts}, the upper bound being the
 *       database's current time minus {@code timestamp.delay.interval.ms};
 *   <li>timestamp+incrementing: {@code WHERE ts < ? AND ((ts = ? AND inc > ?) OR ts > ?) ORDER BY
 *       ts, inc};
 *   <li>a range of a split load: {@code WHERE split >= ? AND split < ?} (or {@code split > ?} from
 *       the last value read when resuming; {@code IS NULL} for the NULL range), plus {@code inc <=
 *       ?} / {@code ts <= ?} up to the watermark in the incremental modes, {@code ORDER BY split}.
 * </ul>
 *
 * Immutable.
 */
record UnitQuery(String sql, List<Binding> parameters) {
  /** One parameter. */
  @FunctionalInterface
  interface Binding {
    void bind(PreparedStatement statement, int index) throws SQLException;
  }

  UnitQuery {
    requireNonNull(sql, "sql is null");
    parameters = List.copyOf(parameters);
  }

  void bind(PreparedStatement statement) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      parameters.get(i).bind(statement, i + 1);
    }
  }

  /** The columns a unit's query refers to, as the result names them. */
  record Resolved(Optional<String> incrementing, List<String> timestamps) {
    Resolved {
      requireNonNull(incrementing, "incrementing is null");
      timestamps = List.copyOf(timestamps);
    }
  }

  /** What the query of a unit depends on besides the unit. */
  record Context(SourceSql sql, SourceMode mode, Resolved columns, Calendar calendar) {}

  static UnitQuery stream(Context context, UnitState state, Instant end) {
    SourceSql sql = context.sql();
    RowSource source = state.unit().source();
    List<String> conditions = new ArrayList<>();
    List<String> order = new ArrayList<>();
    List<Binding> params = new ArrayList<>();
    String inc = context.columns().incrementing().map(sql::column).orElse(null);
    String ts =
        context.columns().timestamps().isEmpty()
            ? null
            : sql.coalesce(context.columns().timestamps());
    Calendar calendar = context.calendar();
    Timestamp endTs = Timestamp.from(end);
    Timestamp from = state.timestamp().orElse(new Timestamp(0));
    long after = state.incrementing().orElse(-1L);
    switch (context.mode()) {
      case INCREMENTING -> {
        conditions.add(inc + " > ?");
        params.add((s, i) -> s.setLong(i, after));
        order.add(inc);
      }
      case TIMESTAMP -> {
        conditions.add(ts + " > ?");
        conditions.add(ts + " < ?");
        params.add((s, i) -> s.setTimestamp(i, from, calendar));
        params.add((s, i) -> s.setTimestamp(i, endTs, calendar));
        order.add(ts);
      }
      case TIMESTAMP_INCREMENTING -> {
        conditions.add(ts + " < ?");
        conditions.add("((" + ts + " = ? AND " + inc + " > ?) OR " + ts + " > ?)");
        params.add((s, i) -> s.setTimestamp(i, endTs, calendar));
        params.add((s, i) -> s.setTimestamp(i, from, calendar));
        params.add((s, i) -> s.setLong(i, after));
        params.add((s, i) -> s.setTimestamp(i, from, calendar));
        order.add(ts);
        order.add(inc);
      }
      case BULK -> {}
    }
    return new UnitQuery(sql.select(source, conditions, order), params);
  }

  static UnitQuery load(Context context, UnitState state) {
    SourceSql sql = context.sql();
    WorkUnit unit = state.unit();
    List<String> conditions = new ArrayList<>();
    List<String> order = new ArrayList<>();
    List<Binding> params = new ArrayList<>();
    Calendar calendar = context.calendar();
    Optional<Split> split = unit.split();
    if (split.isPresent()) {
      Split s = split.get();
      String column = sql.column(s.column());
      String param = sql.param(s.kind());
      if (s.nullRange()) {
        conditions.add(column + " IS NULL");
      } else {
        Optional<String> last = state.last();
        if (last.isPresent()) {
          conditions.add(column + (s.unique() ? " > " : " >= ") + param);
          params.add((st, i) -> s.kind().bind(st, i, last.get(), calendar));
        } else if (s.lower().isPresent()) {
          conditions.add(column + " >= " + param);
          params.add((st, i) -> s.kind().bind(st, i, s.lower().get(), calendar));
        }
        if (s.upper().isPresent()) {
          conditions.add(column + " < " + param);
          params.add((st, i) -> s.kind().bind(st, i, s.upper().get(), calendar));
        }
        order.add(column);
      }
    }
    unit.watermark()
        .ifPresent(
            w -> {
              w.incrementing()
                  .ifPresent(
                      max -> {
                        conditions.add(
                            sql.column(context.columns().incrementing().orElseThrow()) + " <= ?");
                        params.add((st, i) -> st.setLong(i, max));
                      });
              w.timestamp()
                  .ifPresent(
                      at -> {
                        conditions.add(sql.coalesce(context.columns().timestamps()) + " <= ?");
                        Timestamp bound = Timestamp.from(Instant.parse(at));
                        params.add((st, i) -> st.setTimestamp(i, bound, calendar));
                      });
            });
    boolean rowid = split.map(s -> s.kind() == SplitKind.ROWID).orElse(false);
    String text =
        rowid
            ? sql.selectWithRowid(unit.source(), conditions, order)
            : sql.select(unit.source(), conditions, order);
    return new UnitQuery(text, params);
  }
}
