package io.tributary.runtime.internal.worker;

import io.tributary.runtime.internal.plugins.Plugins;
import io.tributary.runtime.internal.status.StatusListener;
import io.tributary.runtime.internal.status.TargetState;
import io.tributary.runtime.internal.storage.OffsetStore;
import io.tributary.runtime.internal.storage.StoreOffsetReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkConnectorContext;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connector instance on this worker. Every call into the connector runs on the connector's own
 * thread, with its plugin class loader as context loader, so a slow or hanging connector never
 * blocks the worker; callers wait with a timeout.
 *
 * <p>Thread-safe: the state is only touched on the connector's thread.
 */
final class WorkerConnector {
  private static final Logger LOGGER = LoggerFactory.getLogger(WorkerConnector.class);

  private final String name;
  private final Map<String, String> config;
  private final Connector connector;
  private final ClassLoader loader;
  private final StatusListener<String> listener;
  private final ExecutorService thread;
  private ConnectorLifecycle state = ConnectorLifecycle.INIT;

  private WorkerConnector(
      String name,
      Map<String, String> config,
      Connector connector,
      ClassLoader loader,
      StatusListener<String> listener) {
    this.name = name;
    this.config = Map.copyOf(config);
    this.connector = connector;
    this.loader = loader;
    this.listener = listener;
    this.thread =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread t = new Thread(runnable, "connector-" + name);
              t.setDaemon(true);
              t.setContextClassLoader(loader);
              return t;
            });
  }

  /** Instantiates the connector and initializes it with its context; does not start it. */
  static WorkerConnector create(
      String name,
      Map<String, String> config,
      String connectorClass,
      Plugins plugins,
      OffsetStore offsets,
      StatusListener<String> listener,
      ConnectorRequests requests) {
    Connector connector = plugins.newInstance(connectorClass, Connector.class);
    ClassLoader loader = plugins.classLoaderOf(connector.getClass());
    WorkerConnector worker = new WorkerConnector(name, config, connector, loader, listener);
    ConnectorContext context =
        connector instanceof SinkConnector
            ? new SinkContext(name, requests)
            : new SourceContext(name, requests, new StoreOffsetReader(offsets, name));
    try (Plugins.LoaderSwap swap = plugins.withClassLoaderOf(connector.getClass())) {
      connector.initialize(context);
    }
    return worker;
  }

  String name() {
    return name;
  }

  Connector connector() {
    return connector;
  }

  boolean isSink() {
    return connector instanceof SinkConnector;
  }

  /**
   * Moves the connector to the target state on its thread: starts it (STARTED), or suspends it with
   * {@code Connector.stop()} (PAUSED, STOPPED). A failure of the connector marks it FAILED and is
   * reported to the listener, never thrown.
   */
  Future<?> transitionTo(TargetState target) {
    return thread.submit(() -> doTransition(target));
  }

  private void doTransition(TargetState target) {
    if (state == ConnectorLifecycle.FAILED || state == ConnectorLifecycle.SHUT_DOWN) {
      return;
    }
    try {
      switch (target) {
        case STARTED -> {
          if (!state.running()) {
            boolean first = state == ConnectorLifecycle.INIT;
            connector.start(config);
            state = state.moveTo(ConnectorLifecycle.STARTED);
            if (first) {
              listener.onStartup(name);
            }
            listener.onRunning(name);
            LOGGER.info("Connector {} started", name);
          }
        }
        case PAUSED -> {
          suspend();
          state = state.moveTo(ConnectorLifecycle.PAUSED);
          listener.onPause(name);
          LOGGER.info("Connector {} paused", name);
        }
        case STOPPED -> {
          suspend();
          state = state.moveTo(ConnectorLifecycle.STOPPED);
          listener.onStop(name);
          LOGGER.info("Connector {} stopped", name);
        }
      }
    } catch (Throwable e) {
      fail(e);
    }
  }

  private void suspend() {
    if (state.running()) {
      connector.stop();
    }
  }

  private void fail(Throwable e) {
    LOGGER.error("Connector {} failed", name, e);
    if (state.running()) {
      try {
        connector.stop();
      } catch (Throwable stopError) {
        LOGGER.warn("Connector {} also failed to stop after failing", name, stopError);
      }
    }
    if (state != ConnectorLifecycle.FAILED && state != ConnectorLifecycle.SHUT_DOWN) {
      state = state.moveTo(ConnectorLifecycle.FAILED);
    }
    listener.onFailure(name, e);
  }

  /** Marks the connector FAILED (from its context's {@code raiseError}). */
  void raiseError(Throwable e) {
    thread.execute(() -> fail(e));
  }

  /**
   * The task configurations the running connector asks for, each with {@code task.class} added
   * (and, for sinks, the connector's {@code topics} or {@code topics.regex}), as Kafka Connect
   * builds them.
   *
   * @throws ConnectException when the connector is not running, fails, answers more than {@code
   *     maxTasks} configs, or does not answer within the timeout
   */
  List<Map<String, String>> taskConfigs(int maxTasks, long timeoutMs) {
    return call(
        () -> {
          if (!state.running()) {
            throw new ConnectException(
                "Connector " + name + " is " + state + "; only a running connector has tasks");
          }
          List<Map<String, String>> generated;
          try {
            generated = connector.taskConfigs(maxTasks);
          } catch (Throwable e) {
            fail(e);
            throw new ConnectException("Connector " + name + " failed in taskConfigs()", e);
          }
          if (generated == null) {
            generated = List.of();
          }
          if (generated.size() > maxTasks) {
            ConnectException e =
                new ConnectException(
                    "Connector "
                        + name
                        + " generated "
                        + generated.size()
                        + " task configs, more than its tasks.max of "
                        + maxTasks
                        + "; raise tasks.max or fix the connector");
            fail(e);
            throw e;
          }
          List<Map<String, String>> result = new ArrayList<>();
          for (Map<String, String> generatedConfig : generated) {
            Map<String, String> taskConfig = new HashMap<>(generatedConfig);
            taskConfig.put("task.class", connector.taskClass().getName());
            if (isSink()) {
              copyIfSet("topics", taskConfig);
              copyIfSet("topics.regex", taskConfig);
            }
            result.add(Map.copyOf(taskConfig));
          }
          return List.copyOf(result);
        },
        timeoutMs,
        "generate its task configs");
  }

  private void copyIfSet(String key, Map<String, String> taskConfig) {
    String value = config.get(key);
    if (value != null) {
      taskConfig.put(key, value);
    }
  }

  /** Runs {@code work} on the connector's thread and waits for it. */
  <T> T call(Callable<T> work, long timeoutMs, String what) {
    Future<T> future = thread.submit(work);
    try {
      return future.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConnectException connect) {
        throw connect;
      }
      throw new ConnectException("Connector " + name + " failed to " + what, cause);
    } catch (TimeoutException e) {
      throw new ConnectException(
          "Connector " + name + " did not " + what + " within " + timeoutMs + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while connector " + name + " was to " + what, e);
    }
  }

  /**
   * Stops the connector (if running) and its thread, waiting up to {@code timeoutMs}; a connector
   * that does not stop in time is abandoned with a log line.
   *
   * @return true when it stopped in time
   */
  boolean shutdown(long timeoutMs) {
    Future<?> stopped =
        thread.submit(
            () -> {
              try {
                suspend();
              } catch (Throwable e) {
                LOGGER.warn("Connector {} failed while stopping", name, e);
              }
              if (state != ConnectorLifecycle.SHUT_DOWN) {
                state = state.moveTo(ConnectorLifecycle.SHUT_DOWN);
              }
              listener.onShutdown(name);
            });
    thread.shutdown();
    try {
      stopped.get(timeoutMs, TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      LOGGER.warn(
          "Connector {} did not stop within {} ms (task.shutdown.graceful.timeout.ms); abandoning"
              + " it",
          name,
          timeoutMs);
      thread.shutdownNow();
      return false;
    } catch (ExecutionException e) {
      LOGGER.warn("Connector {} failed while shutting down", name, e.getCause());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  ClassLoader loader() {
    return loader;
  }

  private record SinkContext(String name, ConnectorRequests requests)
      implements SinkConnectorContext {
    @Override
    public void requestTaskReconfiguration() {
      requests.requestTaskReconfiguration(name);
    }

    @Override
    public void raiseError(Exception e) {
      requests.onConnectorError(name, e);
    }
  }

  private record SourceContext(String name, ConnectorRequests requests, OffsetStorageReader reader)
      implements SourceConnectorContext {
    @Override
    public void requestTaskReconfiguration() {
      requests.requestTaskReconfiguration(name);
    }

    @Override
    public void raiseError(Exception e) {
      requests.onConnectorError(name, e);
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
      return reader;
    }
  }
}
