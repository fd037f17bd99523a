package io.tributary.connect.jdbc.source;

import static java.util.Objects.requireNonNull;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A task's progress in one work unit, in memory, and its source offset. STREAM units keep
 * Confluent's offset shape ({@code incrementing}; {@code timestamp} in epoch milliseconds and
 * {@code timestamp_nanos} for the nanoseconds of that second). LOAD units keep the range's last
 * split value read ({@code last}), whether the load finished ({@code done}), when it started
 * ({@code load}, epoch ms) and the split plan. Used by the task thread only.
 */
final class UnitState {
  static final String INCREMENTING = "incrementing";
  static final String TIMESTAMP = "timestamp";
  static final String TIMESTAMP_NANOS = "timestamp_nanos";
  static final String LAST = "last";
  static final String DONE = "done";
  static final String LOAD = "load";
  static final String LOAD_COMPLETE = "load.complete";

  private final WorkUnit unit;
  private Long incrementing;
  private Timestamp timestamp;
  private String last;
  private boolean done;
  private long loadStarted;
  private long nextDueMillis;
  private boolean finalLoad;

  UnitState(WorkUnit unit) {
    this.unit = requireNonNull(unit, "unit is null");
  }

  WorkUnit unit() {
    return unit;
  }

  /** Restores from a committed offset (null: none). */
  void restore(Map<String, Object> offset) {
    if (offset == null) {
      return;
    }
    if (offset.get(INCREMENTING) instanceof Number n) {
      incrementing = n.longValue();
    }
    if (offset.get(TIMESTAMP) instanceof Number millis) {
      Timestamp ts = new Timestamp(millis.longValue());
      if (offset.get(TIMESTAMP_NANOS) instanceof Number nanos) {
        ts.setNanos(nanos.intValue());
      }
      timestamp = ts;
    }
    if (offset.get(LAST) instanceof String value) {
      last = value;
    }
    done = Boolean.TRUE.equals(offset.get(DONE));
    if (offset.get(LOAD) instanceof Number started) {
      loadStarted = started.longValue();
    }
  }

  /** The offset after the row just read. */
  Map<String, Object> offset() {
    Map<String, Object> offset = new HashMap<>();
    if (unit.kind() == WorkUnit.Kind.STREAM) {
      if (incrementing != null) {
        offset.put(INCREMENTING, incrementing);
      }
      if (timestamp != null) {
        offset.put(TIMESTAMP, timestamp.getTime());
        offset.put(TIMESTAMP_NANOS, (long) timestamp.getNanos());
      }
      return offset;
    }
    offset.putAll(unit.planFields());
    if (last != null) {
      offset.put(LAST, last);
    }
    offset.put(DONE, done);
    offset.put(LOAD, loadStarted);
    if (finalLoad) {
      // Visible in GET /connectors/{name}/offsets: Connect's status has no message for a task.
      offset.put(LOAD_COMPLETE, done);
    }
    return offset;
  }

  Optional<Long> incrementing() {
    return Optional.ofNullable(incrementing);
  }

  Optional<Timestamp> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  void advanceStream(Long inc, Timestamp ts) {
    if (inc != null) {
      incrementing = inc;
    }
    if (ts != null) {
      timestamp = ts;
    }
  }

  Optional<String> last() {
    return Optional.ofNullable(last);
  }

  boolean done() {
    return done;
  }

  long loadStarted() {
    return loadStarted;
  }

  /** A new load of this LOAD unit begins (a finished bulk range starts over). */
  void startLoad(long now) {
    if (done || loadStarted == 0) {
      last = null;
      done = false;
      loadStarted = now;
    }
  }

  void advanceLoad(String value, boolean finished) {
    if (value != null) {
      last = value;
    }
    done = finished;
  }

  /** Whether this LOAD is never read again once done (load.once, or an initial load's range). */
  void finalLoad(boolean value) {
    finalLoad = value;
  }

  boolean complete() {
    return finalLoad && done;
  }

  long nextDueMillis() {
    return nextDueMillis;
  }

  void nextDueMillis(long at) {
    nextDueMillis = at;
  }
}
