package io.tributary.runtime.internal.worker;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.internal.plugins.Plugins;
import io.tributary.runtime.internal.status.ConnectorTaskId;
import io.tributary.runtime.internal.status.StatusListener;
import io.tributary.runtime.internal.status.TargetState;
import io.tributary.runtime.internal.storage.OffsetStore;
import io.tributary.runtime.internal.task.TaskFactory;
import io.tributary.runtime.internal.task.WorkerTask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs connector instances and tasks on this worker: each connector on a thread of its own (see
 * {@link WorkerConnector}), each task on a thread of its own. It knows nothing of configs' origin
 * or of statuses' storage; the herder decides what runs and listens to what happens.
 *
 * <p>Stops are bounded by {@code task.shutdown.graceful.timeout.ms}: what does not stop in time is
 * abandoned (tasks are cancelled: they commit nothing more).
 *
 * <p>Thread-safe.
 */
public final class Worker implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(Worker.class);

  private final Plugins plugins;
  private final OffsetStore offsets;
  private final TaskFactory taskFactory;
  private final ConfigProviders configProviders;
  private final long gracefulTimeoutMs;
  private final Map<String, WorkerConnector> connectors = new ConcurrentHashMap<>();
  private final Map<ConnectorTaskId, WorkerTask> tasks = new ConcurrentHashMap<>();

  public Worker(
      WorkerConfig config,
      Plugins plugins,
      OffsetStore offsets,
      TaskFactory taskFactory,
      ConfigProviders configProviders) {
    requireNonNull(config, "config is null");
    this.configProviders = requireNonNull(configProviders, "configProviders is null");
    this.plugins = requireNonNull(plugins, "plugins is null");
    this.offsets = requireNonNull(offsets, "offsets is null");
    this.taskFactory = requireNonNull(taskFactory, "taskFactory is null");
    this.gracefulTimeoutMs = config.getLong(WorkerConfig.TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_CONFIG);
  }

  /**
   * Creates and initializes a connector and moves it to {@code target} (a STOPPED connector is
   * instantiated but not started). Failures of the connector itself are reported to the listener.
   *
   * @throws ConnectException when the connector cannot even be instantiated (the connector is then
   *     not registered)
   */
  public void startConnector(
      String name,
      Map<String, String> config,
      TargetState target,
      StatusListener<String> listener,
      ConnectorRequests requests) {
    if (connectors.containsKey(name)) {
      throw new IllegalStateException("Connector " + name + " already runs on this worker");
    }
    String connectorClass = config.get("connector.class");
    WorkerConnector connector =
        WorkerConnector.create(
            name, resolve(config), connectorClass, plugins, offsets, listener, requests);
    connectors.put(name, connector);
    await(connector.transitionTo(target), name);
  }

  /**
   * The config with its {@code ${provider:path:key}} references resolved by the worker's config
   * providers; what connectors and tasks get, and what validation checks.
   */
  public Map<String, String> resolve(Map<String, String> config) {
    return configProviders.resolve(config);
  }

  /** Moves a running connector to a new target state and waits for the move. */
  public void setConnectorTargetState(String name, TargetState target) {
    WorkerConnector connector = connectors.get(name);
    if (connector != null) {
      await(connector.transitionTo(target), name);
    }
  }

  private void await(Future<?> future, String name) {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while moving connector " + name, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new ConnectException("Connector " + name + " failed", e.getCause());
    }
  }

  /** Marks a connector FAILED because it called {@code context.raiseError}. */
  public void raiseConnectorError(String name, Throwable error) {
    WorkerConnector connector = connectors.get(name);
    if (connector != null) {
      connector.raiseError(error);
    }
  }

  /** Whether the connector runs here. */
  public boolean hasConnector(String name) {
    return connectors.containsKey(name);
  }

  /** The task configs the running connector generates (see {@link WorkerConnector#taskConfigs}). */
  public List<Map<String, String>> connectorTaskConfigs(String name, int maxTasks) {
    WorkerConnector connector = connectors.get(name);
    if (connector == null) {
      throw new ConnectException("Connector " + name + " does not run on this worker");
    }
    return connector.taskConfigs(maxTasks, gracefulTimeoutMs);
  }

  /** Runs {@code work} inside the connector's thread (for offset alteration hooks). */
  public <T> T callConnector(
      String name,
      java.util.function.Function<org.apache.kafka.connect.connector.Connector, T> work) {
    WorkerConnector connector = connectors.get(name);
    if (connector == null) {
      throw new ConnectException("Connector " + name + " does not run on this worker");
    }
    return connector.call(
        () -> work.apply(connector.connector()), gracefulTimeoutMs, "answer the worker");
  }

  /** Stops and forgets a connector (not its tasks); bounded by the graceful timeout. */
  public void stopConnector(String name) {
    WorkerConnector connector = connectors.remove(name);
    if (connector != null) {
      connector.shutdown(gracefulTimeoutMs);
    }
  }

  /**
   * Builds and starts a task on a thread of its own. A task that cannot be built is reported as
   * failed to its listener and not registered.
   */
  public void startTask(
      ConnectorTaskId id,
      Map<String, String> connectorConfig,
      Map<String, String> taskConfig,
      TargetState target,
      StatusListener<ConnectorTaskId> listener,
      TaskFactory.TopicListener topics) {
    if (tasks.containsKey(id)) {
      throw new IllegalStateException("Task " + id + " already runs on this worker");
    }
    WorkerTask task;
    try {
      task =
          taskFactory.create(
              id, resolve(connectorConfig), resolve(taskConfig), target, listener, topics);
    } catch (Throwable e) {
      LOGGER.error("Task {} could not be created", id, e);
      listener.onFailure(id, e);
      return;
    }
    tasks.put(id, task);
    Thread thread = new Thread(task, "task-" + id);
    thread.setDaemon(true);
    thread.start();
  }

  public boolean hasTask(ConnectorTaskId id) {
    return tasks.containsKey(id);
  }

  /** Pauses or resumes a connector's tasks. */
  public void setTaskTargetState(String connector, TargetState target) {
    for (WorkerTask task : tasks.values()) {
      if (task.id().connector().equals(connector)) {
        task.transitionTo(target);
      }
    }
  }

  /** The ids of the tasks of a connector that run here. */
  public List<ConnectorTaskId> tasksOf(String connector) {
    List<ConnectorTaskId> ids = new ArrayList<>();
    for (ConnectorTaskId id : tasks.keySet()) {
      if (id.connector().equals(connector)) {
        ids.add(id);
      }
    }
    ids.sort(null);
    return ids;
  }

  /**
   * Stops these tasks together: asks all to stop, waits for all within the graceful timeout in
   * total, and cancels those still running.
   */
  public void stopTasks(Collection<ConnectorTaskId> ids) {
    List<WorkerTask> stopping = new ArrayList<>();
    for (ConnectorTaskId id : ids) {
      WorkerTask task = tasks.remove(id);
      if (task != null) {
        task.stop();
        stopping.add(task);
      }
    }
    long deadline = System.nanoTime() + gracefulTimeoutMs * 1_000_000L;
    for (WorkerTask task : stopping) {
      long remainingMs = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
      if (!task.awaitStop(remainingMs)) {
        LOGGER.warn(
            "Task {} did not stop within {} ms (task.shutdown.graceful.timeout.ms); cancelling it:"
                + " it commits no more offsets",
            task.id(),
            gracefulTimeoutMs);
        task.cancel();
      }
    }
  }

  /** Stops every task and connector. */
  @Override
  public void close() {
    stopTasks(List.copyOf(tasks.keySet()));
    for (String name : List.copyOf(connectors.keySet())) {
      stopConnector(name);
    }
  }
}
