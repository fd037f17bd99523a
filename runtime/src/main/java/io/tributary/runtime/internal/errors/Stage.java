package io.tributary.runtime.internal.errors;

/**
 * Where in a task's record pipeline an operation runs, with Kafka Connect's names (they appear in
 * error logs and in the {@code __connect.errors.stage} header of dead letter queue records).
 */
public enum Stage {
  /** {@code SourceTask.poll}. */
  TASK_POLL,
  /** {@code SinkTask.put}. */
  TASK_PUT,
  TRANSFORMATION,
  KEY_CONVERTER,
  VALUE_CONVERTER,
  HEADER_CONVERTER,
  /** Sending to the cluster (source tasks). */
  KAFKA_PRODUCE,
  /** Reading from the cluster (sink tasks). */
  KAFKA_CONSUME;

  /** Whether any exception of this stage may be tolerated ({@code errors.tolerance=all}). */
  public boolean tolerable() {
    return this == TRANSFORMATION
        || this == KEY_CONVERTER
        || this == VALUE_CONVERTER
        || this == HEADER_CONVERTER;
  }
}
