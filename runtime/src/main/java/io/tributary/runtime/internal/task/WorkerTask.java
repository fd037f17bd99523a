package io.tributary.runtime.internal.task;

import io.tributary.runtime.internal.status.ConnectorTaskId;
import io.tributary.runtime.internal.status.TargetState;

/**
 * A running source or sink task: the worker runs {@link #run} on a thread of its own, which starts
 * the task, moves records until stopped, and reports every state change to the task's status
 * listener.
 *
 * <p>Every method but {@code run} may be called from any thread and returns at once (except {@link
 * #awaitStop}).
 */
public interface WorkerTask extends Runnable {
  ConnectorTaskId id();

  /** Pauses ({@link TargetState#PAUSED}) or resumes ({@link TargetState#STARTED}) the task. */
  void transitionTo(TargetState state);

  /**
   * Asks the task to stop. {@code run} returns after a last offset commit (sources: to the offset
   * store; sinks: to the consumer group), {@code Task.stop()} and closing its clients.
   */
  void stop();

  /** Waits up to {@code timeoutMs} for {@code run} to return; true when it did. */
  boolean awaitStop(long timeoutMs);

  /**
   * Abandons a task that did not stop in time: it reports no more status and commits nothing more,
   * and its clients are closed without waiting.
   */
  void cancel();
}
