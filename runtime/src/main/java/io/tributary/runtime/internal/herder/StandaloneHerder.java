package io.tributary.runtime.internal.herder;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.herder.HerderException.Kind;
import io.tributary.runtime.internal.plugins.Plugins;
import io.tributary.runtime.internal.status.ConnectorStatus;
import io.tributary.runtime.internal.status.ConnectorTaskId;
import io.tributary.runtime.internal.status.State;
import io.tributary.runtime.internal.status.StatusStore;
import io.tributary.runtime.internal.status.TargetState;
import io.tributary.runtime.internal.status.TaskStatus;
import io.tributary.runtime.internal.storage.ConfigStore;
import io.tributary.runtime.internal.worker.ConnectorRequests;
import io.tributary.runtime.internal.worker.Worker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The herder of a standalone worker: every connector runs on this worker; configurations and target
 * states persist in the {@link ConfigStore}, so connectors created over REST come back after a
 * restart, in the state they were left in.
 *
 * <p>Changes are serialized on the herder's monitor. A connector's own requests ({@code
 * requestTaskReconfiguration}) come from its thread and are handled on the herder's request thread,
 * never inline, so a connector can never deadlock the herder.
 */
public final class StandaloneHerder implements Herder, AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(StandaloneHerder.class);

  private final HerderContext context;
  private final Worker worker;
  private final ConfigStore configs;
  private final StatusStore statuses;
  private final StatusRecorder recorder;
  private final Map<String, ManagedConnector> connectors = new TreeMap<>();
  private final ExecutorService requests;
  private final ConnectorOffsetsAccess offsets;
  private final ConnectorRunner runner;
  private volatile boolean ready;

  /** Read once: a cluster's id never changes while the worker points at it. */
  private volatile String clusterId;

  public StandaloneHerder(HerderContext context) {
    this.context = requireNonNull(context, "context is null");
    this.worker = context.worker();
    this.configs = context.stores().configs();
    this.statuses = context.stores().statuses();
    this.recorder = new StatusRecorder(statuses, context.workerId());
    this.offsets = new ConnectorOffsetsAccess(context);
    this.runner = new ConnectorRunner(worker, recorder, statuses, new HerderRequests());
    this.requests =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "herder-requests");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts the stored connectors, then creates or replaces the given ones (connector files from the
   * command line), and marks the herder ready.
   */
  public synchronized void start(List<Map.Entry<String, Map<String, String>>> initial) {
    // Ask the cluster for its id now, in the background: GET / needs it, and the first Admin
    // round trip should not be paid by the first request.
    requests.execute(
        () -> {
          try {
            kafkaClusterId();
          } catch (RuntimeException e) {
            LOGGER.warn("Cannot read the Kafka cluster id yet: {}", e.getMessage());
          }
        });
    for (ConfigStore.StoredConnector stored : configs.connectors().values()) {
      ManagedConnector entry = new ManagedConnector(stored.config(), stored.targetState());
      connectors.put(stored.name(), entry);
      runner.startConnector(stored.name(), entry);
    }
    for (Map.Entry<String, Map<String, String>> connector : initial) {
      putConnectorConfig(connector.getKey(), connector.getValue(), TargetState.STARTED, true);
    }
    ready = true;
    LOGGER.info("Worker {} is ready with {} connector(s)", workerId(), connectors.size());
  }

  @Override
  public String workerId() {
    return context.workerId();
  }

  @Override
  public String kafkaClusterId() {
    String known = clusterId;
    if (known == null) {
      known = context.kafkaClusterId();
      clusterId = known;
    }
    return known;
  }

  @Override
  public boolean ready() {
    return ready;
  }

  @Override
  public synchronized List<String> connectors() {
    return List.copyOf(connectors.keySet());
  }

  private ManagedConnector entry(String name) {
    ManagedConnector entry = connectors.get(name);
    if (entry == null) {
      throw new HerderException(Kind.NOT_FOUND, "Connector " + name + " not found");
    }
    return entry;
  }

  @Override
  public synchronized ConnectorInfo connectorInfo(String name) {
    ManagedConnector entry = entry(name);
    List<ConnectorTaskId> tasks = new ArrayList<>();
    for (int i = 0; i < entry.taskConfigs.size(); i++) {
      tasks.add(new ConnectorTaskId(name, i));
    }
    return new ConnectorInfo(name, context.validator().mask(entry.config), tasks, typeOf(entry));
  }

  @Override
  public synchronized Map<String, String> connectorConfig(String name) {
    return context.validator().mask(entry(name).config);
  }

  @Override
  public synchronized Created putConnectorConfig(
      String name, Map<String, String> config, TargetState initialState, boolean allowReplace) {
    requireValidName(name);
    Map<String, String> full = new HashMap<>(config);
    String configName = full.putIfAbsent("name", name);
    if (configName != null && !configName.equals(name)) {
      throw new HerderException(
          Kind.INVALID,
          "Connector name configuration ("
              + configName
              + ") doesn't match connector name in the URL ("
              + name
              + ")");
    }
    ManagedConnector existing = connectors.get(name);
    if (existing != null && !allowReplace) {
      throw new HerderException(Kind.ALREADY_EXISTS, "Connector " + name + " already exists");
    }
    requireValid(full);
    TargetState target = existing != null ? existing.target : initialState;
    configs.put(name, full, target);
    if (existing != null) {
      runner.stopConnectorAndTasks(name);
      existing.config = Map.copyOf(full);
      existing.taskConfigs = List.of();
      runner.startConnector(name, existing);
      LOGGER.info("Connector {} reconfigured", name);
    } else {
      ManagedConnector entry = new ManagedConnector(full, target);
      connectors.put(name, entry);
      runner.startConnector(name, entry);
      LOGGER.info("Connector {} created in state {}", name, target);
    }
    return new Created(existing == null, connectorInfo(name));
  }

  @Override
  public synchronized ConnectorInfo patchConnectorConfig(String name, Map<String, String> patch) {
    Map<String, String> merged = new HashMap<>(entry(name).config);
    for (Map.Entry<String, String> change : patch.entrySet()) {
      if (change.getValue() == null) {
        merged.remove(change.getKey());
      } else {
        merged.put(change.getKey(), change.getValue());
      }
    }
    return putConnectorConfig(name, merged, TargetState.STARTED, true).info();
  }

  private static void requireValidName(String name) {
    if (name == null || name.isBlank()) {
      throw new HerderException(Kind.INVALID, "A connector needs a non-empty name");
    }
    for (char c : name.toCharArray()) {
      if (Character.isISOControl(c)) {
        throw new HerderException(
            Kind.INVALID, "Connector name '" + name + "' must not contain control characters");
      }
    }
  }

  private void requireValid(Map<String, String> config) {
    ConfigInfos infos = validateConnectorConfig(config);
    if (infos.errorCount() == 0) {
      return;
    }
    List<String> errors = new ArrayList<>();
    for (ConfigInfos.ConfigInfo info : infos.configs()) {
      for (String error : info.value().errors()) {
        String key = info.value().name();
        errors.add(error.contains(key) ? error : key + ": " + error);
      }
    }
    throw new HerderException(
        Kind.INVALID,
        "The connector configuration has "
            + errors.size()
            + " error(s):\n"
            + String.join("\n", errors)
            + "\nPUT /connector-plugins/{connector class}/config/validate lists them per key.");
  }

  @Override
  public synchronized void deleteConnector(String name) {
    entry(name);
    runner.stopConnectorAndTasks(name);
    configs.remove(name);
    connectors.remove(name);
    statuses.remove(name);
    LOGGER.info("Connector {} deleted", name);
  }

  @Override
  public synchronized ConnectorStateInfo connectorStatus(String name) {
    ManagedConnector entry = entry(name);
    ConnectorStatus status = statuses.get(name);
    List<TaskStatus> tasks = new ArrayList<>();
    for (int i = 0; i < entry.taskConfigs.size(); i++) {
      ConnectorTaskId id = new ConnectorTaskId(name, i);
      TaskStatus task = statuses.get(id);
      tasks.add(task != null ? task : recorder.unassigned(id));
    }
    return new ConnectorStateInfo(
        name, status != null ? status : recorder.unassigned(name), tasks, typeOf(entry));
  }

  @Override
  public synchronized TaskStatus taskStatus(ConnectorTaskId id) {
    ManagedConnector entry = entry(id.connector());
    if (id.task() >= entry.taskConfigs.size()) {
      throw new HerderException(Kind.NOT_FOUND, "Task " + id + " not found");
    }
    TaskStatus status = statuses.get(id);
    return status != null ? status : recorder.unassigned(id);
  }

  @Override
  public synchronized List<TaskInfo> taskConfigs(String name) {
    ManagedConnector entry = entry(name);
    List<TaskInfo> result = new ArrayList<>();
    for (int i = 0; i < entry.taskConfigs.size(); i++) {
      result.add(
          new TaskInfo(
              new ConnectorTaskId(name, i), context.validator().mask(entry.taskConfigs.get(i))));
    }
    return result;
  }

  @Override
  public synchronized ConnectorStateInfo restartConnector(
      String name, boolean includeTasks, boolean onlyFailed) {
    ManagedConnector entry = entry(name);
    ConnectorStateInfo before = connectorStatus(name);
    boolean restartConnector = !onlyFailed || before.connector().state() == State.FAILED;
    List<ConnectorTaskId> restartTasks = new ArrayList<>();
    if (includeTasks) {
      for (TaskStatus task : before.tasks()) {
        if (!onlyFailed || task.state() == State.FAILED) {
          restartTasks.add(task.id());
        }
      }
    }
    if (restartConnector) {
      recorder.restarting(name);
    }
    restartTasks.forEach(recorder::restarting);
    ConnectorStateInfo planned = connectorStatus(name);
    if (restartConnector) {
      // The connector's tasks are regenerated when it starts again; the tasks not chosen for a
      // restart keep running when the connector gives the same task configs.
      worker.stopTasks(restartTasks);
      worker.stopConnector(name);
      runner.startConnectorAgain(name, entry, restartTasks);
    } else {
      for (ConnectorTaskId id : restartTasks) {
        runner.restartTask(id, entry);
      }
    }
    LOGGER.info(
        "Connector {} restarted (connector: {}, tasks: {})", name, restartConnector, restartTasks);
    return planned;
  }

  @Override
  public synchronized void restartTask(ConnectorTaskId id) {
    ManagedConnector entry = entry(id.connector());
    if (id.task() >= entry.taskConfigs.size()) {
      throw new HerderException(Kind.NOT_FOUND, "Task " + id + " not found");
    }
    recorder.restarting(id);
    runner.restartTask(id, entry);
  }

  @Override
  public synchronized void pauseConnector(String name) {
    ManagedConnector entry = entry(name);
    if (entry.target == TargetState.STOPPED) {
      // Kafka Connect moves a stopped connector to PAUSED by starting it paused, with tasks.
      changeTarget(name, entry, TargetState.PAUSED);
      runner.startTasks(name, entry);
      return;
    }
    changeTarget(name, entry, TargetState.PAUSED);
    worker.setTaskTargetState(name, TargetState.PAUSED);
  }

  @Override
  public synchronized void resumeConnector(String name) {
    ManagedConnector entry = entry(name);
    TargetState previous = entry.target;
    changeTarget(name, entry, TargetState.STARTED);
    if (previous == TargetState.STOPPED) {
      runner.startTasks(name, entry);
    } else {
      worker.setTaskTargetState(name, TargetState.STARTED);
    }
  }

  @Override
  public synchronized void stopConnector(String name) {
    ManagedConnector entry = entry(name);
    List<ConnectorTaskId> tasks = worker.tasksOf(name);
    worker.stopTasks(tasks);
    for (int i = 0; i < entry.taskConfigs.size(); i++) {
      statuses.remove(new ConnectorTaskId(name, i));
    }
    entry.taskConfigs = List.of();
    changeTarget(name, entry, TargetState.STOPPED);
  }

  private void changeTarget(String name, ManagedConnector entry, TargetState target) {
    configs.putTargetState(name, target);
    entry.target = target;
    if (worker.hasConnector(name)) {
      worker.setConnectorTargetState(name, target);
    } else {
      runner.startConnector(name, entry);
    }
  }

  @Override
  public synchronized Set<String> connectorActiveTopics(String name) {
    return new TreeSet<>(entry(name).activeTopics);
  }

  @Override
  public synchronized void resetConnectorActiveTopics(String name) {
    entry(name).activeTopics.clear();
  }

  @Override
  public synchronized List<ConnectorOffset> connectorOffsets(String name) {
    ManagedConnector entry = entry(name);
    return offsets.read(name, isSink(entry));
  }

  @Override
  public synchronized String alterConnectorOffsets(String name, List<ConnectorOffset> changes) {
    ManagedConnector entry = requireStopped(name);
    if (changes.isEmpty()) {
      throw new HerderException(Kind.INVALID, "The offsets to alter must not be empty");
    }
    return offsets.alter(name, entry.config, isSink(entry), changes);
  }

  @Override
  public synchronized String resetConnectorOffsets(String name) {
    ManagedConnector entry = requireStopped(name);
    return offsets.reset(name, entry.config, isSink(entry));
  }

  private ManagedConnector requireStopped(String name) {
    ManagedConnector entry = entry(name);
    if (entry.target != TargetState.STOPPED) {
      throw new HerderException(
          Kind.CONFLICT,
          "Connector "
              + name
              + " is "
              + entry.target
              + "; offsets can only be changed while it is STOPPED. Stop it first with PUT"
              + " /connectors/"
              + name
              + "/stop");
    }
    return entry;
  }

  @Override
  public ConfigInfos validateConnectorConfig(Map<String, String> config) {
    return context.validator().validate(worker.resolve(config));
  }

  @Override
  public List<PluginInfo> connectorPlugins(boolean connectorsOnly) {
    return context.pluginInfos(connectorsOnly);
  }

  @Override
  public List<ConfigKeyInfo> pluginConfig(String pluginClassOrAlias) {
    return context.validator().pluginConfig(pluginClassOrAlias);
  }

  private ConnectorType typeOf(ManagedConnector entry) {
    Class<?> type = connectorClass(entry);
    if (type == null) {
      return ConnectorType.UNKNOWN;
    }
    if (SinkConnector.class.isAssignableFrom(type)) {
      return ConnectorType.SINK;
    }
    return SourceConnector.class.isAssignableFrom(type)
        ? ConnectorType.SOURCE
        : ConnectorType.UNKNOWN;
  }

  private boolean isSink(ManagedConnector entry) {
    return typeOf(entry) == ConnectorType.SINK;
  }

  private Class<?> connectorClass(ManagedConnector entry) {
    Plugins plugins = context.plugins();
    try {
      return plugins.pluginClass(entry.config.get("connector.class"), Connector.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** What a connector asks of the herder from its own thread. */
  private final class HerderRequests implements ConnectorRequests {
    @Override
    public void requestTaskReconfiguration(String connector) {
      requests.execute(
          () -> {
            synchronized (StandaloneHerder.this) {
              ManagedConnector entry = connectors.get(connector);
              if (entry != null) {
                runner.reconfigureTasks(connector, entry, List.of());
              }
            }
          });
    }

    @Override
    public void onConnectorError(String connector, Throwable error) {
      worker.raiseConnectorError(connector, error);
    }
  }

  /** Stops every connector and task (configs and offsets stay stored). */
  @Override
  public synchronized void close() {
    ready = false;
    requests.shutdownNow();
    worker.close();
  }
}
