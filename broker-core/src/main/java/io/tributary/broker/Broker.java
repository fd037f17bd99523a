package io.tributary.broker;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.group.GroupConfig;
import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.group.GroupTimer;
import io.tributary.broker.internal.handler.BrokerIdentity;
import io.tributary.broker.internal.handler.DelayedFetches;
import io.tributary.broker.internal.handler.RequestDispatcher;
import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.log.TopicConfigs;
import io.tributary.broker.internal.network.KafkaServer;
import io.tributary.broker.internal.producer.ProducerIdManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * broker-core: a single-node partitioned log that Kafka clients reach over the Kafka wire protocol.
 *
 * <p>Lifecycle: {@link #start} opens the data directory (recovering it after a crash), binds the
 * listener and serves until {@link #close}, which stops accepting, finishes in-flight work and
 * flushes the logs. Thread-safe.
 */
public final class Broker implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(Broker.class);

  private final BrokerConfig config;
  private final DataDirectory dataDirectory;
  private final LogManager logs;
  private final GroupCoordinator groups;
  private final ExecutorService requestThreads;
  private final ScheduledExecutorService scheduler;
  private final KafkaServer server;
  private final InetSocketAddress advertised;

  private Broker(
      BrokerConfig config,
      DataDirectory dataDirectory,
      LogManager logs,
      GroupCoordinator groups,
      ExecutorService requestThreads,
      ScheduledExecutorService scheduler,
      KafkaServer server,
      InetSocketAddress advertised) {
    this.config = config;
    this.dataDirectory = dataDirectory;
    this.logs = logs;
    this.groups = groups;
    this.requestThreads = requestThreads;
    this.scheduler = scheduler;
    this.server = server;
    this.advertised = advertised;
  }

  /** Starts a broker; returns once it accepts connections. */
  public static Broker start(BrokerConfig config) {
    requireNonNull(config, "config is null");
    Clock clock = Clock.systemUTC();
    DataDirectory dataDirectory = DataDirectory.open(config.dataDir());
    LogManager logs = null;
    ExecutorService requestThreads = null;
    ScheduledExecutorService scheduler = null;
    try {
      Map<String, Object> topicDefaults = config.topicDefaults();
      logs =
          LogManager.open(
              config.dataDir(), clock, overrides -> TopicConfigs.resolve(topicDefaults, overrides));
      requestThreads =
          Executors.newFixedThreadPool(config.ioThreads(), Threads.daemon("broker-request"));
      ScheduledThreadPoolExecutor timers =
          new ScheduledThreadPoolExecutor(1, Threads.daemon("broker-scheduler"));
      // Session and rebalance timers are cancelled and re-armed on every heartbeat: drop cancelled
      // ones at once, and run none after shutdown (close must not wait for them).
      timers.setRemoveOnCancelPolicy(true);
      timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      scheduler = timers;
      ProducerIdManager producerIds = ProducerIdManager.open(config.dataDir());
      scheduleProducerExpiration(config, logs, scheduler);
      logs.startBackgroundTasks(
          scheduler,
          new LogManager.BackgroundSettings(
              config.retentionCheckIntervalMs(),
              config.flushSchedulerIntervalMs(),
              config.cleanerEnabled(),
              config.cleanerBackoffMs()));
      DelayedFetches delayedFetches = new DelayedFetches(scheduler);
      logs.addAppendListener(delayedFetches::appended);
      GroupCoordinator groups =
          GroupCoordinator.load(logs, GroupTimer.of(scheduler), groupConfig(config), clock);

      InetSocketAddress listen = config.listenAddress();
      InetSocketAddress bindTo = new InetSocketAddress(listen.getHostString(), listen.getPort());
      // The advertised port is only known after binding when port 0 was asked for; handlers
      // read the identity through this reference.
      AtomicReference<BrokerIdentity> identity = new AtomicReference<>();
      RequestDispatcher dispatcher =
          new RequestDispatcher(
              BrokerApis.handlers(
                  config,
                  identity::get,
                  logs,
                  new BrokerApis.Coordinators(groups, producerIds, delayedFetches)),
              requestThreads,
              List.of(delayedFetches::connectionClosed));
      KafkaServer server =
          KafkaServer.start(
              bindTo,
              config.networkThreads(),
              config.socketRequestMaxBytes(),
              config.connectionsMaxIdleMs(),
              dispatcher);
      InetSocketAddress bound = server.boundAddress();
      InetSocketAddress advertised =
          config.advertisedAddress() != null
              ? config.advertisedAddress()
              : InetSocketAddress.createUnresolved(
                  bindTo.getAddress().isAnyLocalAddress() ? "127.0.0.1" : listen.getHostString(),
                  bound.getPort());
      identity.set(
          new BrokerIdentity(
              config.nodeId(),
              advertised.getHostString(),
              advertised.getPort(),
              dataDirectory.clusterId()));
      LOGGER.info(
          "broker-core {} listening on {}:{} (data in {})",
          dataDirectory.clusterId(),
          advertised.getHostString(),
          advertised.getPort(),
          config.dataDir().toAbsolutePath());
      return new Broker(
          config, dataDirectory, logs, groups, requestThreads, scheduler, server, advertised);
    } catch (IOException e) {
      cleanup(logs, requestThreads, scheduler, dataDirectory);
      throw new UncheckedIOException("Cannot open the data directory " + config.dataDir(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cleanup(logs, requestThreads, scheduler, dataDirectory);
      throw new IllegalStateException("Interrupted while starting the broker", e);
    } catch (RuntimeException e) {
      cleanup(logs, requestThreads, scheduler, dataDirectory);
      throw e;
    }
  }

  private static GroupConfig groupConfig(BrokerConfig config) {
    return new GroupConfig(
        config.groupInitialRebalanceDelayMs(),
        config.groupMinSessionTimeoutMs(),
        config.groupMaxSessionTimeoutMs(),
        config.offsetMetadataMaxBytes());
  }

  /** Periodically makes every partition forget producers idle for producer.id.expiration.ms. */
  private static void scheduleProducerExpiration(
      BrokerConfig config, LogManager logs, ScheduledExecutorService scheduler) {
    long interval = config.producerIdExpirationCheckIntervalMs();
    long expiration = config.producerIdExpirationMs();
    scheduler.scheduleWithFixedDelay(
        () -> {
          for (PartitionLog log : logs.logs()) {
            try {
              log.removeExpiredProducers(expiration);
            } catch (RuntimeException e) {
              LOGGER.warn(
                  "Expiring producers of {} failed; retrying in {} ms",
                  log.topicPartition(),
                  interval,
                  e);
            }
          }
        },
        interval,
        interval,
        TimeUnit.MILLISECONDS);
  }

  private static void cleanup(
      LogManager logs,
      ExecutorService requestThreads,
      ScheduledExecutorService scheduler,
      DataDirectory dataDirectory) {
    if (requestThreads != null) {
      requestThreads.shutdownNow();
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    if (logs != null) {
      logs.close();
    }
    dataDirectory.close();
  }

  /** The host clients are told to connect to. */
  public String host() {
    return advertised.getHostString();
  }

  /** The port clients connect to (the real one when port 0 was configured). */
  public int port() {
    return advertised.getPort();
  }

  /** The port the listener is bound to (differs from {@link #port()} behind a proxy or NAT). */
  public int boundPort() {
    return server.boundAddress().getPort();
  }

  /** {@code host:port}, ready for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return host() + ":" + port();
  }

  public String clusterId() {
    return dataDirectory.clusterId();
  }

  public BrokerConfig config() {
    return config;
  }

  /** Stops serving, finishes in-flight requests, flushes and closes the logs. */
  @Override
  public void close() {
    LOGGER.info("Shutting down broker-core on {}", bootstrapServers());
    server.close();
    groups.close();
    requestThreads.shutdown();
    scheduler.shutdown();
    try {
      requestThreads.awaitTermination(10, TimeUnit.SECONDS);
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    logs.close();
    dataDirectory.close();
    LOGGER.info("broker-core stopped");
  }

  /**
   * Stops as a crash would, for tests of recovery: stops serving at once and closes the logs
   * without flushing them or writing the clean shutdown marker, so the next start recovers the data
   * directory. What was written stays in the OS, as after {@code kill -9}.
   */
  public void halt() {
    LOGGER.warn("Halting broker-core on {} without a clean shutdown", bootstrapServers());
    server.close();
    requestThreads.shutdownNow();
    scheduler.shutdownNow();
    try {
      requestThreads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    logs.halt();
    dataDirectory.close();
  }
}
