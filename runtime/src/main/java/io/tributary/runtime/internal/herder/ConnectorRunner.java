package io.tributary.runtime.internal.herder;

import io.tributary.runtime.internal.herder.HerderException.Kind;
import io.tributary.runtime.internal.status.ConnectorTaskId;
import io.tributary.runtime.internal.status.StatusStore;
import io.tributary.runtime.internal.status.TargetState;
import io.tributary.runtime.internal.worker.ConnectorRequests;
import io.tributary.runtime.internal.worker.Worker;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, stops, restarts and reconfigures a connector and its tasks on the worker, for the herder:
 * failures of the connector or of its tasks land in their statuses, never in the caller. Not
 * thread-safe: the herder calls it under its monitor.
 */
final class ConnectorRunner {
  private static final Logger LOGGER = LoggerFactory.getLogger(ConnectorRunner.class);

  private final Worker worker;
  private final StatusRecorder recorder;
  private final StatusStore statuses;
  private final ConnectorRequests requests;

  ConnectorRunner(
      Worker worker, StatusRecorder recorder, StatusStore statuses, ConnectorRequests requests) {
    this.worker = worker;
    this.recorder = recorder;
    this.statuses = statuses;
    this.requests = requests;
  }

  /** Starts the connector instance and, unless stopped, its tasks. Failures land in statuses. */
  void startConnector(String name, ManagedConnector entry) {
    try {
      worker.startConnector(name, entry.config, entry.target, recorder.connectors(), requests);
    } catch (RuntimeException e) {
      LOGGER.error("Connector {} could not be started", name, e);
      recorder.connectors().onFailure(name, e);
      return;
    }
    if (entry.target != TargetState.STOPPED) {
      startTasks(name, entry);
    }
  }

  void startTasks(String name, ManagedConnector entry) {
    List<Map<String, String>> taskConfigs;
    try {
      taskConfigs = worker.connectorTaskConfigs(name, tasksMax(entry.config));
    } catch (ConnectException e) {
      LOGGER.error("Connector {} gave no task configs", name, e);
      entry.taskConfigs = List.of();
      return;
    }
    entry.taskConfigs = taskConfigs;
    for (int i = 0; i < taskConfigs.size(); i++) {
      startTask(new ConnectorTaskId(name, i), entry);
    }
  }

  void startTask(ConnectorTaskId id, ManagedConnector entry) {
    worker.startTask(
        id,
        entry.config,
        entry.taskConfigs.get(id.task()),
        entry.target == TargetState.PAUSED ? TargetState.PAUSED : TargetState.STARTED,
        recorder.tasks(),
        entry.activeTopics::add);
  }

  static int tasksMax(Map<String, String> config) {
    try {
      return Integer.parseInt(config.getOrDefault("tasks.max", "1").trim());
    } catch (NumberFormatException e) {
      throw new HerderException(Kind.INVALID, "tasks.max must be an integer");
    }
  }

  void stopConnectorAndTasks(String name) {
    worker.stopTasks(worker.tasksOf(name));
    worker.stopConnector(name);
  }

  /** Starts the connector again, then its stopped tasks (all tasks if their configs changed). */
  void startConnectorAgain(
      String name, ManagedConnector entry, List<ConnectorTaskId> stoppedTasks) {
    try {
      worker.startConnector(name, entry.config, entry.target, recorder.connectors(), requests);
    } catch (RuntimeException e) {
      recorder.connectors().onFailure(name, e);
      return;
    }
    if (entry.target == TargetState.STOPPED) {
      return;
    }
    reconfigureTasks(name, entry, stoppedTasks);
  }

  void restartTask(ConnectorTaskId id, ManagedConnector entry) {
    worker.stopTasks(List.of(id));
    startTask(id, entry);
    LOGGER.info("Task {} restarted", id);
  }

  /**
   * Regenerates the connector's task configs: when they changed, replaces all its tasks; else
   * starts the given stopped ones again.
   */
  void reconfigureTasks(String name, ManagedConnector entry, List<ConnectorTaskId> stoppedTasks) {
    if (entry.target == TargetState.STOPPED || !worker.hasConnector(name)) {
      return;
    }
    List<Map<String, String>> next;
    try {
      next = worker.connectorTaskConfigs(name, tasksMax(entry.config));
    } catch (ConnectException e) {
      LOGGER.error("Connector {} gave no task configs", name, e);
      return;
    }
    if (next.equals(entry.taskConfigs)) {
      for (ConnectorTaskId id : stoppedTasks) {
        startTask(id, entry);
      }
      return;
    }
    worker.stopTasks(worker.tasksOf(name));
    for (int i = next.size(); i < entry.taskConfigs.size(); i++) {
      statuses.remove(new ConnectorTaskId(name, i));
    }
    entry.taskConfigs = next;
    for (int i = 0; i < next.size(); i++) {
      startTask(new ConnectorTaskId(name, i), entry);
    }
    LOGGER.info("Connector {} now has {} task(s)", name, next.size());
  }
}
