package io.tributary.runtime.internal.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The statuses of a standalone worker, in memory. Thread-safe. */
public final class MemoryStatusStore implements StatusStore {
  private final Map<String, ConnectorStatus> connectors = new ConcurrentHashMap<>();
  private final Map<ConnectorTaskId, TaskStatus> tasks = new ConcurrentHashMap<>();

  @Override
  public void put(ConnectorStatus status) {
    connectors.put(status.connector(), status);
  }

  @Override
  public void put(TaskStatus status) {
    tasks.put(status.id(), status);
  }

  @Override
  public ConnectorStatus get(String connector) {
    return connectors.get(connector);
  }

  @Override
  public TaskStatus get(ConnectorTaskId task) {
    return tasks.get(task);
  }

  @Override
  public List<TaskStatus> tasks(String connector) {
    List<TaskStatus> result = new ArrayList<>();
    for (TaskStatus status : tasks.values()) {
      if (status.id().connector().equals(connector)) {
        result.add(status);
      }
    }
    result.sort((a, b) -> a.id().compareTo(b.id()));
    return result;
  }

  @Override
  public void remove(String connector) {
    connectors.remove(connector);
    tasks.keySet().removeIf(id -> id.connector().equals(connector));
  }

  @Override
  public void remove(ConnectorTaskId task) {
    tasks.remove(task);
  }
}
