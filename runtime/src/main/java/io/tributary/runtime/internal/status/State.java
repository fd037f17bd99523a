package io.tributary.runtime.internal.status;

/**
 * The observed state of a connector or task, with Kafka Connect's names as they appear in the REST
 * status ({@code "state": "RUNNING"}).
 */
public enum State {
  /** Known, but not (yet) running on any worker. */
  UNASSIGNED,
  RUNNING,
  PAUSED,
  /** Connector stopped by the user ({@code PUT /connectors/{name}/stop}); it has no tasks. */
  STOPPED,
  /** Failed with an exception; the status carries its stack trace until restarted. */
  FAILED,
  /** A restart was requested and has not finished. */
  RESTARTING,
  /** Deleted; never shown over REST, only passed to listeners. */
  DESTROYED
}
