package io.tributary.runtime.internal.status;

/**
 * Told about every state change of a connector instance or a task. The worker calls it from the
 * connector's or task's own thread; implementations must be thread-safe and must not block.
 *
 * @param <I> what changes state: a connector name ({@code String}) or a {@link ConnectorTaskId}
 */
public interface StatusListener<I> {
  /** Started; it is about to run (or to idle, when it starts paused). */
  void onStartup(I id);

  /** Running (again, after a pause). */
  void onRunning(I id);

  /** Paused: instantiated but idle. */
  void onPause(I id);

  /** Stopped by the user (connectors only: {@code PUT .../stop}). */
  void onStop(I id);

  /** Failed; it does nothing more until restarted. */
  void onFailure(I id, Throwable cause);

  /** Shut down (stopped for a reconfiguration, a restart, deletion or the worker's shutdown). */
  void onShutdown(I id);
}
