package io.tributary.runtime.internal.herder;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.status.ConnectorStatus;
import io.tributary.runtime.internal.status.TaskStatus;
import java.util.List;

/** A connector's status with its tasks', as {@code GET /connectors/{name}/status} shows it. */
public record ConnectorStateInfo(
    String name, ConnectorStatus connector, List<TaskStatus> tasks, ConnectorType type) {
  public ConnectorStateInfo {
    requireNonNull(name, "name is null");
    requireNonNull(connector, "connector is null");
    tasks = List.copyOf(requireNonNull(tasks, "tasks is null"));
    requireNonNull(type, "type is null");
  }
}
