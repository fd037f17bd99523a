package io.tributary.runtime.internal.rest;

import io.tributary.runtime.internal.herder.ConfigInfos;
import io.tributary.runtime.internal.herder.ConfigKeyInfo;
import io.tributary.runtime.internal.herder.ConfigValueInfo;
import io.tributary.runtime.internal.herder.ConnectorInfo;
import io.tributary.runtime.internal.herder.ConnectorOffset;
import io.tributary.runtime.internal.herder.ConnectorStateInfo;
import io.tributary.runtime.internal.herder.ConnectorType;
import io.tributary.runtime.internal.herder.Herder;
import io.tributary.runtime.internal.herder.HerderException;
import io.tributary.runtime.internal.herder.HerderException.Kind;
import io.tributary.runtime.internal.herder.PluginInfo;
import io.tributary.runtime.internal.herder.TaskInfo;
import io.tributary.runtime.internal.status.ConnectorStatus;
import io.tributary.runtime.internal.status.ConnectorTaskId;
import io.tributary.runtime.internal.status.State;
import io.tributary.runtime.internal.status.TargetState;
import io.tributary.runtime.internal.status.TaskStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * An in-memory {@link Herder} for the REST tests: connectors are configs with a target state and
 * {@code tasks.max} tasks; it refuses as the real herder does (unknown name, duplicate, missing
 * {@code connector.class}, offsets of a running connector) and records every call with the name of
 * the thread that made it.
 */
final class RecordingHerder implements Herder {
  static final String WORKER_ID = "127.0.0.1:8083";
  static final String CLUSTER_ID = "test-cluster-id";
  static final String SOURCE_CLASS = "org.example.DemoSourceConnector";
  static final String SINK_CLASS = "org.example.DemoSinkConnector";
  static final String FAILING = "explodes";

  private static final class Connector {
    Map<String, String> config;
    TargetState target;
    Set<String> topics = new LinkedHashSet<>();
    List<ConnectorOffset> offsets = new ArrayList<>();
    String failedTaskTrace;
  }

  private final Map<String, Connector> connectors = new TreeMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<String> callThreads = new CopyOnWriteArrayList<>();
  volatile boolean ready = true;

  private void record(String call) {
    calls.add(call);
    callThreads.add(Thread.currentThread().getName());
  }

  private Connector existing(String name) {
    if (name.equals(FAILING)) {
      throw new IllegalStateException("simulated bug while looking up " + name);
    }
    Connector connector = connectors.get(name);
    if (connector == null) {
      throw new HerderException(Kind.NOT_FOUND, "Connector " + name + " not found");
    }
    return connector;
  }

  /** Adds a connector directly, e.g. with a failed task. */
  synchronized void add(String name, Map<String, String> config, String failedTaskTrace) {
    Connector connector = new Connector();
    connector.config = new HashMap<>(config);
    connector.target = TargetState.STARTED;
    connector.failedTaskTrace = failedTaskTrace;
    connectors.put(name, connector);
  }

  synchronized void addTopic(String name, String topic) {
    existing(name).topics.add(topic);
  }

  synchronized void addOffset(String name, ConnectorOffset offset) {
    existing(name).offsets.add(offset);
  }

  synchronized TargetState targetState(String name) {
    return existing(name).target;
  }

  @Override
  public String workerId() {
    return WORKER_ID;
  }

  @Override
  public String kafkaClusterId() {
    record("kafkaClusterId()");
    return CLUSTER_ID;
  }

  @Override
  public boolean ready() {
    return ready;
  }

  /** When set, {@link #connectors()} waits for it (outside the herder's lock). */
  volatile CountDownLatch blockConnectors;

  @Override
  public List<String> connectors() {
    record("connectors()");
    CountDownLatch block = blockConnectors;
    if (block != null) {
      try {
        block.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while blocked", e);
      }
    }
    synchronized (this) {
      return List.copyOf(connectors.keySet());
    }
  }

  @Override
  public synchronized ConnectorInfo connectorInfo(String name) {
    record("connectorInfo(" + name + ")");
    return info(name, existing(name));
  }

  private ConnectorInfo info(String name, Connector connector) {
    return new ConnectorInfo(name, connector.config, taskIds(name, connector), type(connector));
  }

  private static List<ConnectorTaskId> taskIds(String name, Connector connector) {
    if (connector.target == TargetState.STOPPED) {
      return List.of();
    }
    int max = Integer.parseInt(connector.config.getOrDefault("tasks.max", "1"));
    List<ConnectorTaskId> ids = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      ids.add(new ConnectorTaskId(name, i));
    }
    return ids;
  }

  private static ConnectorType type(Connector connector) {
    String connectorClass = connector.config.getOrDefault("connector.class", "");
    return connectorClass.contains("Sink")
        ? ConnectorType.SINK
        : connectorClass.contains("Source") ? ConnectorType.SOURCE : ConnectorType.UNKNOWN;
  }

  @Override
  public synchronized Map<String, String> connectorConfig(String name) {
    record("connectorConfig(" + name + ")");
    return Map.copyOf(existing(name).config);
  }

  @Override
  public synchronized Created putConnectorConfig(
      String name, Map<String, String> config, TargetState initialState, boolean allowReplace) {
    record(
        "putConnectorConfig("
            + name
            + ","
            + config
            + ","
            + initialState
            + ","
            + allowReplace
            + ")");
    if (!config.containsKey("connector.class")) {
      throw new HerderException(
          Kind.INVALID,
          "Connector configuration is invalid and contains the following 1 error(s):\n"
              + "Missing required configuration \"connector.class\" which has no default value.");
    }
    Connector connector = connectors.get(name);
    boolean created = connector == null;
    if (!created && !allowReplace) {
      throw new HerderException(Kind.ALREADY_EXISTS, "Connector " + name + " already exists");
    }
    if (created) {
      connector = new Connector();
      connector.target = initialState;
      connectors.put(name, connector);
    }
    connector.config = new HashMap<>(config);
    return new Created(created, info(name, connector));
  }

  @Override
  public synchronized ConnectorInfo patchConnectorConfig(String name, Map<String, String> patch) {
    record("patchConnectorConfig(" + name + "," + patch + ")");
    Connector connector = existing(name);
    patch.forEach(
        (key, value) -> {
          if (value == null) {
            connector.config.remove(key);
          } else {
            connector.config.put(key, value);
          }
        });
    return info(name, connector);
  }

  @Override
  public synchronized void deleteConnector(String name) {
    record("deleteConnector(" + name + ")");
    existing(name);
    connectors.remove(name);
  }

  @Override
  public synchronized ConnectorStateInfo connectorStatus(String name) {
    record("connectorStatus(" + name + ")");
    return status(name, existing(name), null);
  }

  private ConnectorStateInfo status(String name, Connector connector, State override) {
    State state =
        switch (connector.target) {
          case STARTED -> State.RUNNING;
          case PAUSED -> State.PAUSED;
          case STOPPED -> State.STOPPED;
        };
    List<TaskStatus> tasks = new ArrayList<>();
    for (ConnectorTaskId id : taskIds(name, connector)) {
      tasks.add(taskStatus(connector, id, override == null ? state : override));
    }
    return new ConnectorStateInfo(
        name,
        new ConnectorStatus(name, override == null ? state : override, WORKER_ID, null),
        tasks,
        type(connector));
  }

  private static TaskStatus taskStatus(Connector connector, ConnectorTaskId id, State state) {
    if (id.task() == 0 && connector.failedTaskTrace != null) {
      return new TaskStatus(id, State.FAILED, WORKER_ID, connector.failedTaskTrace);
    }
    return new TaskStatus(id, state, WORKER_ID, null);
  }

  @Override
  public synchronized TaskStatus taskStatus(ConnectorTaskId id) {
    record("taskStatus(" + id + ")");
    Connector connector = existing(id.connector());
    if (!taskIds(id.connector(), connector).contains(id)) {
      throw new HerderException(Kind.NOT_FOUND, "Task " + id + " not found");
    }
    return taskStatus(connector, id, State.RUNNING);
  }

  @Override
  public synchronized List<TaskInfo> taskConfigs(String name) {
    record("taskConfigs(" + name + ")");
    Connector connector = existing(name);
    List<TaskInfo> tasks = new ArrayList<>();
    for (ConnectorTaskId id : taskIds(name, connector)) {
      tasks.add(new TaskInfo(id, Map.of("task.class", "org.example.DemoTask", "index", "" + id)));
    }
    return tasks;
  }

  @Override
  public synchronized ConnectorStateInfo restartConnector(
      String name, boolean includeTasks, boolean onlyFailed) {
    record("restartConnector(" + name + "," + includeTasks + "," + onlyFailed + ")");
    return status(name, existing(name), State.RESTARTING);
  }

  @Override
  public synchronized void restartTask(ConnectorTaskId id) {
    record("restartTask(" + id + ")");
    Connector connector = existing(id.connector());
    if (!taskIds(id.connector(), connector).contains(id)) {
      throw new HerderException(Kind.NOT_FOUND, "Task " + id + " not found");
    }
  }

  @Override
  public synchronized void pauseConnector(String name) {
    record("pauseConnector(" + name + ")");
    existing(name).target = TargetState.PAUSED;
  }

  @Override
  public synchronized void resumeConnector(String name) {
    record("resumeConnector(" + name + ")");
    existing(name).target = TargetState.STARTED;
  }

  @Override
  public synchronized void stopConnector(String name) {
    record("stopConnector(" + name + ")");
    existing(name).target = TargetState.STOPPED;
  }

  @Override
  public synchronized Set<String> connectorActiveTopics(String name) {
    record("connectorActiveTopics(" + name + ")");
    return Set.copyOf(existing(name).topics);
  }

  @Override
  public synchronized void resetConnectorActiveTopics(String name) {
    record("resetConnectorActiveTopics(" + name + ")");
    existing(name).topics.clear();
  }

  @Override
  public synchronized List<ConnectorOffset> connectorOffsets(String name) {
    record("connectorOffsets(" + name + ")");
    return List.copyOf(existing(name).offsets);
  }

  @Override
  public synchronized String alterConnectorOffsets(String name, List<ConnectorOffset> offsets) {
    record("alterConnectorOffsets(" + name + "," + offsets + ")");
    Connector connector = existing(name);
    if (connector.target != TargetState.STOPPED) {
      throw new HerderException(
          Kind.CONFLICT,
          "Connectors must be in the STOPPED state before their offsets can be modified. This can"
              + " be done for the specified connector by issuing a 'PUT' request to the"
              + " '/connectors/"
              + name
              + "/stop' endpoint");
    }
    connector.offsets.clear();
    connector.offsets.addAll(offsets);
    return "The offsets for this connector have been altered successfully";
  }

  @Override
  public synchronized String resetConnectorOffsets(String name) {
    record("resetConnectorOffsets(" + name + ")");
    existing(name).offsets.clear();
    return "The offsets for this connector have been reset successfully";
  }

  @Override
  public ConfigInfos validateConnectorConfig(Map<String, String> config) {
    record("validateConnectorConfig(" + new TreeMap<>(config) + ")");
    String connectorClass = config.get("connector.class");
    List<String> errors =
        connectorClass == null
            ? List.of(
                "Missing required configuration \"connector.class\" which has no default value.")
            : List.of();
    ConfigInfos.ConfigInfo info =
        new ConfigInfos.ConfigInfo(
            connectorClassKey(),
            new ConfigValueInfo("connector.class", connectorClass, List.of(), errors, true));
    return new ConfigInfos(
        connectorClass == null ? "unknown" : connectorClass,
        errors.size(),
        List.of("Common"),
        List.of(info));
  }

  static ConfigKeyInfo connectorClassKey() {
    return new ConfigKeyInfo(
        "connector.class",
        "STRING",
        true,
        null,
        "HIGH",
        "Name or alias of the class for this connector.",
        "Common",
        2,
        "LONG",
        "Connector class",
        List.of());
  }

  @Override
  public List<PluginInfo> connectorPlugins(boolean connectorsOnly) {
    record("connectorPlugins(" + connectorsOnly + ")");
    List<PluginInfo> plugins = new ArrayList<>();
    plugins.add(new PluginInfo(SINK_CLASS, "sink", "1.0"));
    plugins.add(new PluginInfo(SOURCE_CLASS, "source", RestEntities.UNDEFINED_VERSION));
    if (!connectorsOnly) {
      plugins.add(new PluginInfo("org.example.DemoConverter", "converter", "2.0"));
    }
    return plugins;
  }

  @Override
  public List<ConfigKeyInfo> pluginConfig(String pluginClassOrAlias) {
    record("pluginConfig(" + pluginClassOrAlias + ")");
    if (!pluginClassOrAlias.equals(SOURCE_CLASS) && !pluginClassOrAlias.equals("DemoSource")) {
      throw new HerderException(
          Kind.NOT_FOUND,
          "Unknown plugin " + pluginClassOrAlias + "; list them at /connector-plugins");
    }
    return List.of(
        new ConfigKeyInfo(
            "topic",
            "STRING",
            false,
            "demo",
            "HIGH",
            "The topic to write to.",
            null,
            -1,
            "NONE",
            "topic",
            List.of()));
  }
}
