package io.tributary.runtime.internal.errors;

import java.util.concurrent.Future;

/**
 * Records a failed operation somewhere (the log, a dead letter queue topic). Called from a task's
 * thread, or from a sink task's threads through its errant record reporter: thread-safe.
 */
public interface ErrorReporter extends AutoCloseable {
  /** Reports the failure; the future completes when the report is durable (e.g. acknowledged). */
  Future<?> report(ErrorReport report);

  @Override
  default void close() {}
}
