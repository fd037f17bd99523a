package io.tributary.runtime.internal.task;

import io.tributary.runtime.internal.status.ConnectorTaskId;
import io.tributary.runtime.internal.status.StatusListener;
import io.tributary.runtime.internal.status.TargetState;
import java.util.Map;

/** Builds the worker's tasks: clients, converters, transformations and error handling. */
public interface TaskFactory {
  /**
   * Builds a task, not yet running.
   *
   * @param id the task
   * @param connectorConfig the connector's configuration
   * @param taskConfig the task's configuration as the connector generated it, plus {@code
   *     task.class}: the connector's {@code taskClass()}, loaded through the connector's plugin
   *     class loader
   * @param initialState STARTED or PAUSED
   * @param listener told about the task's state changes
   * @param topicListener told the name of every topic the task produces to or consumes from (the
   *     connector's active topics); may be called often, must be cheap
   * @throws org.apache.kafka.connect.errors.ConnectException when the task cannot be built (the
   *     message names the cause)
   */
  WorkerTask create(
      ConnectorTaskId id,
      Map<String, String> connectorConfig,
      Map<String, String> taskConfig,
      TargetState initialState,
      StatusListener<ConnectorTaskId> listener,
      TopicListener topicListener);

  /** Told the topics a connector's tasks use. */
  @FunctionalInterface
  interface TopicListener {
    void topicUsed(String topic);
  }
}
