package io.tributary.runtime.internal.status;

import static java.util.Objects.requireNonNull;

/**
 * One task of a connector: the connector's name and the task's index, from 0 to {@code tasks.max -
 * 1}. Printed as {@code name-index}, as Kafka Connect names its task threads and logs.
 */
public record ConnectorTaskId(String connector, int task) implements Comparable<ConnectorTaskId> {
  public ConnectorTaskId {
    requireNonNull(connector, "connector is null");
    if (task < 0) {
      throw new IllegalArgumentException("task index must not be negative, was " + task);
    }
  }

  @Override
  public int compareTo(ConnectorTaskId other) {
    int byConnector = connector.compareTo(other.connector);
    return byConnector != 0 ? byConnector : Integer.compare(task, other.task);
  }

  @Override
  public String toString() {
    return connector + "-" + task;
  }
}
