package io.tributary.runtime.internal.task;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.errors.ErrorPolicy;
import io.tributary.runtime.internal.status.ConnectorTaskId;
import io.tributary.runtime.internal.status.StatusListener;
import io.tributary.runtime.internal.status.TargetState;
import java.util.Map;

/**
 * What every worker task is built from.
 *
 * @param id the task
 * @param taskConfig the task's config as the connector generated it
 * @param loader the connector plugin's class loader: the task thread's context loader
 * @param initialState STARTED or PAUSED
 * @param listener told about state changes
 * @param topicListener told the topics the task uses
 * @param errorPolicy the connector's {@code errors.*} settings
 */
record TaskParts(
    ConnectorTaskId id,
    Map<String, String> taskConfig,
    ClassLoader loader,
    TargetState initialState,
    StatusListener<ConnectorTaskId> listener,
    TaskFactory.TopicListener topicListener,
    ErrorPolicy errorPolicy) {
  TaskParts {
    requireNonNull(id, "id is null");
    taskConfig = Map.copyOf(requireNonNull(taskConfig, "taskConfig is null"));
    requireNonNull(loader, "loader is null");
    requireNonNull(initialState, "initialState is null");
    requireNonNull(listener, "listener is null");
    requireNonNull(topicListener, "topicListener is null");
    requireNonNull(errorPolicy, "errorPolicy is null");
    if (initialState == TargetState.STOPPED) {
      throw new IllegalArgumentException("a task cannot start STOPPED: " + id);
    }
  }
}
