package io.tributary.broker.internal.group;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the coordinator's delayed work: session expiry, rebalance timeouts, the initial rebalance
 * delay. Tasks take the group's lock themselves and check that they are still current.
 */
public interface GroupTimer {

  /** Runs {@code task} once after {@code delayMs}; the handle cancels it. */
  Cancellable schedule(long delayMs, Runnable task);

  /** A scheduled task. */
  interface Cancellable {
    /** Cancels the task if it has not run yet; harmless afterwards. */
    void cancel();
  }

  /** A timer on an executor (the broker's scheduler thread). */
  static GroupTimer of(ScheduledExecutorService executor) {
    requireNonNull(executor, "executor is null");
    return (delayMs, task) -> {
      ScheduledFuture<?> future = executor.schedule(task, delayMs, TimeUnit.MILLISECONDS);
      return () -> future.cancel(false);
    };
  }
}
