package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of one round of the JDBC benchmark: per step, its timing or why it failed.
 *
 * @param round the round, from 1
 * @param steps every step that ran, with its outcome
 */
record JdbcResults(int round, Map<JdbcStep, Outcome<Timing>> steps) {
  JdbcResults {
    requireNonNull(steps, "steps is null");
    steps = steps.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(steps));
  }

  /**
   * How long moving {@code rows} rows took.
   *
   * @param rows rows moved
   * @param wall the wall time
   * @param workerCpu CPU time the worker process used meanwhile (connector steps only)
   */
  record Timing(long rows, Duration wall, Optional<Duration> workerCpu) {
    Timing(long rows, Duration wall) {
      this(rows, wall, Optional.empty());
    }

    Timing {
      requireNonNull(wall, "wall is null");
      requireNonNull(workerCpu, "workerCpu is null");
      if (rows < 0 || wall.isNegative() || wall.isZero()) {
        throw new IllegalArgumentException(
            "rows must be >= 0 and wall positive, got " + rows + " and " + wall);
      }
    }

    double rowsPerSecond() {
      return rows / (wall.toNanos() / 1e9);
    }

    double seconds() {
      return wall.toNanos() / 1e9;
    }
  }

  /** The step's outcome, or a failure saying it did not run. */
  Outcome<Timing> step(JdbcStep step) {
    Outcome<Timing> outcome = steps.get(step);
    return outcome != null ? outcome : new Outcome.Failed<>("not run");
  }

  Optional<Double> rowsPerSecond(JdbcStep step) {
    return step(step).map(Timing::rowsPerSecond);
  }
}
