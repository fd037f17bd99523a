package io.tributary.runtime.internal.status;

import java.util.List;

/**
 * The last observed status of every connector and task. Standalone mode keeps it in memory;
 * distributed mode (a later issue) will share it through a compacted topic. Thread-safe.
 */
public interface StatusStore {
  void put(ConnectorStatus status);

  void put(TaskStatus status);

  /** The connector's status, or null when it has none. */
  ConnectorStatus get(String connector);

  /** The task's status, or null when it has none. */
  TaskStatus get(ConnectorTaskId task);

  /** The statuses of the connector's tasks, by task index. */
  List<TaskStatus> tasks(String connector);

  /** Forgets the connector's status and its tasks'. */
  void remove(String connector);

  /** Forgets one task's status (a task removed by a reconfiguration). */
  void remove(ConnectorTaskId task);
}
