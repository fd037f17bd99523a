package io.tributary.runtime.internal.worker;

/**
 * The states of a connector instance on this worker, with the legal moves between them. A connector
 * is created in {@code INIT}, then started, paused (its {@code Connector.stop()} is called, as
 * Kafka Connect suspends a paused connector) or stopped; it ends in {@code SHUT_DOWN}. A failure
 * moves it to {@code FAILED}, from which only shutdown (or a restart, which builds a new instance)
 * leads out.
 */
enum ConnectorLifecycle {
  INIT,
  STARTED,
  PAUSED,
  STOPPED,
  FAILED,
  SHUT_DOWN;

  /** Whether the connector's {@code start} has run without a matching {@code stop}. */
  boolean running() {
    return this == STARTED;
  }

  /** The state after moving to {@code next}; an illegal move is an error. */
  ConnectorLifecycle moveTo(ConnectorLifecycle next) {
    boolean legal =
        switch (this) {
          case INIT, PAUSED, STOPPED -> next != INIT;
          case STARTED -> next == PAUSED || next == STOPPED || next == FAILED || next == SHUT_DOWN;
          case FAILED -> next == SHUT_DOWN;
          case SHUT_DOWN -> false;
        };
    if (!legal) {
      throw new IllegalStateException("A connector cannot move from " + this + " to " + next);
    }
    return next;
  }
}
