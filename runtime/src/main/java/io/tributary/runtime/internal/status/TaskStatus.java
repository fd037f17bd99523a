package io.tributary.runtime.internal.status;

import static java.util.Objects.requireNonNull;

/**
 * The observed state of a task.
 *
 * @param id the task
 * @param state its state
 * @param workerId the worker it runs on
 * @param trace the stack trace of the failure when {@code state} is {@link State#FAILED}, else null
 */
public record TaskStatus(ConnectorTaskId id, State state, String workerId, String trace) {
  public TaskStatus {
    requireNonNull(id, "id is null");
    requireNonNull(state, "state is null");
    requireNonNull(workerId, "workerId is null");
  }
}
