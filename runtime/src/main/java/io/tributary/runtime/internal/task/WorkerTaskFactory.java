package io.tributary.runtime.internal.task;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.internal.config.ClientConfigs;
import io.tributary.runtime.internal.config.ConnectorConfig;
import io.tributary.runtime.internal.config.EnrichedConfigDef;
import io.tributary.runtime.internal.config.SinkConnectorConfig;
import io.tributary.runtime.internal.config.SourceConnectorConfig;
import io.tributary.runtime.internal.errors.RetryClock;
import io.tributary.runtime.internal.plugins.Plugins;
import io.tributary.runtime.internal.status.ConnectorTaskId;
import io.tributary.runtime.internal.status.StatusListener;
import io.tributary.runtime.internal.status.TargetState;
import io.tributary.runtime.internal.storage.OffsetStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds source and sink tasks: parses the connector config, loads {@code task.class} through the
 * connector plugin's class loader and instantiates it there, builds converters and the
 * transformation chain through their plugins, and wires the worker's client settings and offset
 * store. Clients are created when the task runs, on its own thread. Thread-safe.
 */
public final class WorkerTaskFactory implements TaskFactory {
  private static final Logger LOGGER = LoggerFactory.getLogger(WorkerTaskFactory.class);

  /** The task config key with the task's class name, as Kafka Connect adds it. */
  public static final String TASK_CLASS_CONFIG = "task.class";

  private final WorkerConfig worker;
  private final Plugins plugins;
  private final WorkerServices services;
  private final String workerId;

  public WorkerTaskFactory(
      WorkerConfig worker, Plugins plugins, OffsetStore offsetStore, String workerId) {
    this(worker, plugins, offsetStore, workerId, RetryClock.SYSTEM);
  }

  WorkerTaskFactory(
      WorkerConfig worker,
      Plugins plugins,
      OffsetStore offsetStore,
      String workerId,
      RetryClock clock) {
    this.worker = requireNonNull(worker, "worker is null");
    this.plugins = requireNonNull(plugins, "plugins is null");
    this.workerId = requireNonNull(workerId, "workerId is null");
    ClientConfigs clientConfigs = new ClientConfigs(worker, ClientConfigs.policy(worker, plugins));
    this.services = new WorkerServices(worker, clientConfigs, offsetStore, clock);
  }

  @Override
  public WorkerTask create(
      ConnectorTaskId id,
      Map<String, String> connectorConfig,
      Map<String, String> taskConfig,
      TargetState initialState,
      StatusListener<ConnectorTaskId> listener,
      TopicListener topicListener) {
    requireNonNull(id, "id is null");
    requireNonNull(connectorConfig, "connectorConfig is null");
    requireNonNull(taskConfig, "taskConfig is null");
    try {
      String connectorClassName = connectorConfig.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG);
      if (connectorClassName == null) {
        throw new ConfigException(
            "Connector config of task " + id + " has no " + ConnectorConfig.CONNECTOR_CLASS_CONFIG);
      }
      Class<? extends Connector> connectorClass =
          plugins.pluginClass(connectorClassName.trim(), Connector.class);
      ClassLoader loader = plugins.classLoaderOf(connectorClass);
      Task task = instantiateTask(id, taskConfig, connectorClass, loader);
      if (task instanceof SourceTask sourceTask) {
        SourceConnectorConfig config =
            SourceConnectorConfig.parse(
                plugins,
                connectorConfig,
                worker.getBoolean(WorkerConfig.TOPIC_CREATION_ENABLE_CONFIG));
        TaskParts parts =
            parts(id, taskConfig, loader, initialState, listener, topicListener, config);
        Pipeline<SourceRecord> pipeline = pipeline(config, connectorConfig);
        LOGGER.info(
            "Built source task {} ({}) on worker {}", id, task.getClass().getName(), workerId);
        return new WorkerSourceTask(parts, sourceTask, pipeline, config, services);
      } else if (task instanceof SinkTask sinkTask) {
        SinkConnectorConfig config = SinkConnectorConfig.parse(plugins, connectorConfig);
        TaskParts parts =
            parts(id, taskConfig, loader, initialState, listener, topicListener, config);
        Pipeline<SinkRecord> pipeline = pipeline(config, connectorConfig);
        LOGGER.info(
            "Built sink task {} ({}) on worker {}", id, task.getClass().getName(), workerId);
        return new WorkerSinkTask(parts, sinkTask, pipeline, config, services);
      }
      throw new ConnectException(
          "Task class "
              + task.getClass().getName()
              + " of "
              + id
              + " is neither a SourceTask nor a SinkTask");
    } catch (ConfigException e) {
      throw new ConnectException("Cannot build task " + id + ": " + e.getMessage(), e);
    }
  }

  private static TaskParts parts(
      ConnectorTaskId id,
      Map<String, String> taskConfig,
      ClassLoader loader,
      TargetState initialState,
      StatusListener<ConnectorTaskId> listener,
      TopicListener topicListener,
      ConnectorConfig config) {
    return new TaskParts(
        id, taskConfig, loader, initialState, listener, topicListener, config.errorPolicy());
  }

  private Task instantiateTask(
      ConnectorTaskId id,
      Map<String, String> taskConfig,
      Class<? extends Connector> connectorClass,
      ClassLoader loader) {
    String taskClassName = taskConfig.get(TASK_CLASS_CONFIG);
    if (taskClassName == null || taskClassName.isBlank()) {
      throw new ConnectException(
          "The config of task "
              + id
              + " has no "
              + TASK_CLASS_CONFIG
              + " (the connector's taskClass())");
    }
    try (Plugins.LoaderSwap swap = plugins.withClassLoaderOf(connectorClass)) {
      Class<?> taskClass = Class.forName(taskClassName.trim(), true, loader);
      if (!Task.class.isAssignableFrom(taskClass)) {
        throw new ConnectException(
            "Task class "
                + taskClassName
                + " of "
                + id
                + " does not implement "
                + Task.class.getName());
      }
      return (Task) taskClass.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new ConnectException(
          "Task class "
              + taskClassName
              + " of "
              + id
              + " is not found in the plugin of "
              + connectorClass.getName(),
          e);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new ConnectException(
          "Cannot instantiate task class " + taskClassName + " of " + id + ": " + e, e);
    }
  }

  private <R extends ConnectRecord<R>> Pipeline<R> pipeline(
      ConnectorConfig config, Map<String, String> connectorConfig) {
    List<TransformationStage<R>> stages = stages(config);
    TransformationChain<R> chain = new TransformationChain<>(stages);
    try {
      return new Pipeline<>(chain, Converters.build(plugins, worker, connectorConfig));
    } catch (RuntimeException e) {
      chain.close();
      throw e;
    }
  }

  @SuppressWarnings("unchecked")
  private <R extends ConnectRecord<R>> List<TransformationStage<R>> stages(ConnectorConfig config) {
    List<TransformationStage<R>> stages = new ArrayList<>();
    try {
      for (String alias : config.transforms()) {
        String prefix = ConnectorConfig.TRANSFORMS_CONFIG + "." + alias + ".";
        Class<?> type = config.getClass(prefix + "type");
        Map<String, Object> settings = config.originalsWithPrefix(prefix);
        Object predicateAlias = settings.remove(EnrichedConfigDef.PREDICATE_CONFIG);
        Object negate = settings.remove(EnrichedConfigDef.NEGATE_CONFIG);
        settings.remove("type");
        Transformation<R> transformation =
            plugins.newInstance(type.getName(), Transformation.class);
        try (Plugins.LoaderSwap swap = plugins.withClassLoaderOf(type)) {
          transformation.configure(settings);
        }
        Predicate<R> predicate = null;
        if (predicateAlias != null) {
          String predicatePrefix = ConnectorConfig.PREDICATES_CONFIG + "." + predicateAlias + ".";
          Class<?> predicateType = config.getClass(predicatePrefix + "type");
          if (predicateType == null) {
            throw new ConfigException(
                prefix + EnrichedConfigDef.PREDICATE_CONFIG,
                predicateAlias,
                "no predicate with this alias in " + ConnectorConfig.PREDICATES_CONFIG);
          }
          Map<String, Object> predicateSettings = config.originalsWithPrefix(predicatePrefix);
          predicateSettings.remove("type");
          predicate = plugins.newInstance(predicateType.getName(), Predicate.class);
          try (Plugins.LoaderSwap swap = plugins.withClassLoaderOf(predicateType)) {
            predicate.configure(predicateSettings);
          }
        }
        stages.add(
            new TransformationStage<>(
                transformation,
                predicate,
                negate != null && Boolean.parseBoolean(negate.toString())));
      }
      return stages;
    } catch (RuntimeException e) {
      stages.forEach(TransformationStage::close);
      throw e;
    }
  }
}
