package io.tributary.runtime;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.config.ClientConfigs;
import io.tributary.runtime.internal.config.ConnectorConfigValidator;
import io.tributary.runtime.internal.herder.HerderContext;
import io.tributary.runtime.internal.herder.StandaloneHerder;
import io.tributary.runtime.internal.plugins.IsolatedPlugins;
import io.tributary.runtime.internal.rest.RestServer;
import io.tributary.runtime.internal.status.MemoryStatusStore;
import io.tributary.runtime.internal.storage.FileConfigStore;
import io.tributary.runtime.internal.storage.FileOffsetStore;
import io.tributary.runtime.internal.task.WorkerTaskFactory;
import io.tributary.runtime.internal.worker.ConfigProviders;
import io.tributary.runtime.internal.worker.Worker;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running standalone worker: plugins, stores, the worker's threads, the herder and the REST API,
 * assembled from a {@link WorkerConfig}. {@code bin/tributary worker} runs one; {@code
 * bin/tributary start} runs one next to an embedded broker.
 *
 * <p>{@link #close} stops connectors and tasks (each bounded by {@code
 * task.shutdown.graceful.timeout.ms}), then the REST API, then closes the stores and plugins.
 */
public final class WorkerRuntime implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(WorkerRuntime.class);

  private final URI restUrl;
  private final String workerId;
  private final StandaloneHerder herder;
  private final Deque<AutoCloseable> resources;

  private WorkerRuntime(
      URI restUrl, String workerId, StandaloneHerder herder, Deque<AutoCloseable> resources) {
    this.restUrl = restUrl;
    this.workerId = workerId;
    this.herder = herder;
    this.resources = resources;
  }

  /**
   * Starts a worker and creates or updates the given connectors (after those stored from earlier
   * runs).
   *
   * @throws RuntimeException when any part cannot start (the message says which and why); what had
   *     started is closed again
   */
  public static WorkerRuntime start(WorkerConfig config, List<ConnectorDefinition> connectors) {
    requireNonNull(config, "config is null");
    requireNonNull(connectors, "connectors is null");
    long started = System.nanoTime();
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      // The REST server (Vert.x, Jackson) and the Admin client start while plugins are
      // discovered: the three are the bulk of the start-up time and need nothing from each other.
      RestServer rest = new RestServer(config);
      resources.push(rest);
      CompletableFuture<URI> restStarted = inBackground("rest-start", rest::start);
      CompletableFuture<Admin> adminCreated =
          inBackground("admin-start", () -> Admin.create(ClientConfigs.workerAdmin(config)));
      resources.push(() -> closeAdmin(adminCreated));
      IsolatedPlugins plugins = IsolatedPlugins.discover(config);
      resources.push(plugins);
      URI bound = await(restStarted);
      URI url = bound.toString().endsWith("/") ? bound : URI.create(bound + "/");
      String host = config.getString(WorkerConfig.REST_ADVERTISED_HOST_NAME_CONFIG);
      String workerId = (host != null ? host : url.getHost()) + ":" + url.getPort();

      FileOffsetStore offsets = FileOffsetStore.open(config.offsetsFile());
      resources.push(offsets);
      FileConfigStore configs = FileConfigStore.open(config.connectorsFile());
      resources.push(configs);
      ClientConfigs clients = new ClientConfigs(config, ClientConfigs.policy(config, plugins));
      Admin admin = await(adminCreated);
      ConfigProviders providers = ConfigProviders.create(config, plugins);
      resources.push(providers);
      Worker worker =
          new Worker(
              config,
              plugins,
              offsets,
              new WorkerTaskFactory(config, plugins, offsets, workerId),
              providers);
      StandaloneHerder herder =
          new StandaloneHerder(
              new HerderContext(
                  workerId,
                  worker,
                  plugins,
                  new ConnectorConfigValidator(plugins, config, clients),
                  new HerderContext.Stores(configs, offsets, new MemoryStatusStore()),
                  admin));
      // Closed before the REST API, so no request reaches a stopping herder's connectors.
      resources.push(herder);
      rest.attach(herder);
      herder.start(connectors.stream().map(c -> Map.entry(c.name(), c.config())).toList());
      LOGGER.info(
          "Worker {} started in {} ms; REST API on {}",
          workerId,
          (System.nanoTime() - started) / 1_000_000,
          url);
      return new WorkerRuntime(url, workerId, herder, resources);
    } catch (RuntimeException | Error e) {
      closeAll(resources);
      throw e;
    }
  }

  /** Runs {@code work} on a thread of its own. */
  private static <T> CompletableFuture<T> inBackground(String name, Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    new Thread(
            () -> {
              try {
                result.complete(work.get());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            name)
        .start();
    return result;
  }

  private static void closeAdmin(CompletableFuture<Admin> created) {
    try {
      created.join().close(Duration.ofSeconds(5));
    } catch (CompletionException e) {
      // It never started; nothing to close.
    }
  }

  private static <T> T await(CompletableFuture<T> started) {
    try {
      return started.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  /** Where the REST API listens, ending in {@code /}. */
  public URI restUrl() {
    return restUrl;
  }

  /** This worker's id, as statuses show it. */
  public String workerId() {
    return workerId;
  }

  /** The names of the connectors this worker has. */
  public List<String> connectors() {
    return herder.connectors();
  }

  @Override
  public void close() {
    closeAll(resources);
    LOGGER.info("Worker {} stopped", workerId);
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOGGER.warn("Failed to close {} while stopping the worker", resource, e);
      }
    }
  }
}
