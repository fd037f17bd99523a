package io.tributary.connect.jdbc.source;

import com.cronutils.model.time.ExecutionTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a unit is read again after a read finished: STREAM units and bulk loads every {@code
 * poll.interval.ms}; bulk loads at the next time of the cron {@code schedule} instead, if set;
 * never again with {@code load.once}, nor for the ranges of an incremental mode's initial load.
 * Immutable.
 */
final class LoadSchedule {
  static final long NEVER = Long.MAX_VALUE;

  private final long pollIntervalMs;
  private final Optional<ExecutionTime> cron;
  private final ZoneId zone;
  private final boolean once;

  LoadSchedule(long pollIntervalMs, Optional<String> cron, ZoneId zone, boolean once) {
    this.pollIntervalMs = pollIntervalMs;
    this.cron = cron.map(c -> ExecutionTime.forCron(JdbcSourceConfig.parseCron(c)));
    this.zone = zone;
    this.once = once;
  }

  static LoadSchedule of(JdbcSourceConfig config) {
    return new LoadSchedule(
        config.pollIntervalMs(), config.schedule(), config.dbTimeZone(), config.loadOnce());
  }

  /** When a unit whose read finished at {@code finishedMillis} is next due. */
  long next(WorkUnit unit, long finishedMillis) {
    if (unit.kind() == WorkUnit.Kind.STREAM) {
      return finishedMillis + pollIntervalMs;
    }
    if (unit.watermark().isPresent() || once) {
      return NEVER;
    }
    if (cron.isPresent()) {
      return cron.get()
          .nextExecution(ZonedDateTime.ofInstant(Instant.ofEpochMilli(finishedMillis), zone))
          .map(t -> t.toInstant().toEpochMilli())
          .orElse(NEVER);
    }
    return finishedMillis + pollIntervalMs;
  }

  /**
   * Whether a finished read of {@code unit} is its last: a LOAD under {@code load.once}, or a range
   * of an incremental mode's initial load. Its offsets then say {@code "load.complete": true}.
   */
  boolean finalLoad(WorkUnit unit) {
    return unit.kind() == WorkUnit.Kind.LOAD && (once || unit.watermark().isPresent());
  }

  /** When the first load starts: at once, except with a cron schedule: its next time. */
  long first(WorkUnit unit, long nowMillis) {
    if (unit.kind() == WorkUnit.Kind.LOAD && cron.isPresent() && unit.watermark().isEmpty()) {
      return next(unit, nowMillis);
    }
    return nowMillis;
  }
}
