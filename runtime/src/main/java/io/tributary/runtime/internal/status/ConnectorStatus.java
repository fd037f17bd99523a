package io.tributary.runtime.internal.status;

import static java.util.Objects.requireNonNull;

/**
 * The observed state of a connector instance.
 *
 * @param connector the connector's name
 * @param state its state
 * @param workerId the worker it runs on ({@code host:port} of the worker's REST listener)
 * @param trace the stack trace of the failure when {@code state} is {@link State#FAILED}, else null
 */
public record ConnectorStatus(String connector, State state, String workerId, String trace) {
  public ConnectorStatus {
    requireNonNull(connector, "connector is null");
    requireNonNull(state, "state is null");
    requireNonNull(workerId, "workerId is null");
  }
}
