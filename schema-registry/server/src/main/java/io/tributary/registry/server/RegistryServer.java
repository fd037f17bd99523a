package io.tributary.registry.server;

import static java.util.Objects.requireNonNull;

import io.tributary.registry.server.internal.compat.CompatibilityLevel;
import io.tributary.registry.server.internal.election.DeferredLeaderElection;
import io.tributary.registry.server.internal.election.ElectionMember;
import io.tributary.registry.server.internal.election.GroupLeaderElection;
import io.tributary.registry.server.internal.rest.RegistryRestServer;
import io.tributary.registry.server.internal.service.SchemaRegistryService;
import io.tributary.registry.server.internal.store.KafkaRegistryLog;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One schema registry instance: the {@code _schemas} log on a Kafka cluster, the registry's state
 * rebuilt from it, the REST API, and the instance's part in electing the leader among every
 * instance sharing the log.
 *
 * <p>Lifecycle: {@link #start} reads the log to its end, binds the REST listener, then joins the
 * election with its URL ({@code http://host.name:port}); it returns before the election's outcome
 * is known (until then writes are refused with a forwarding error). {@link #close} first leaves the
 * election (so another instance takes over at once), then stops serving and closes the log.
 * Thread-safe.
 */
public final class RegistryServer implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(RegistryServer.class);

  private final KafkaRegistryLog log;
  private final RegistryRestServer rest;
  private final GroupLeaderElection election;
  private final URI url;

  private RegistryServer(
      KafkaRegistryLog log, RegistryRestServer rest, GroupLeaderElection election, URI url) {
    this.log = log;
    this.rest = rest;
    this.election = election;
    this.url = url;
  }

  /**
   * Starts an instance.
   *
   * @throws io.tributary.registry.server.internal.store.RegistryStoreException if the log cannot be
   *     created or read within {@code kafkastore.init.timeout.ms}
   * @throws IllegalStateException if the listener cannot be bound
   */
  public static RegistryServer start(RegistryConfig config) {
    requireNonNull(config, "config is null");
    CompatibilityLevel level =
        CompatibilityLevel.parse(config.compatibilityLevel())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Invalid schema.compatibility.level " + config.compatibilityLevel()));
    KafkaRegistryLog log =
        new KafkaRegistryLog(
            config.kafkaClientConfig(),
            config.topic(),
            config.topicReplicationFactor(),
            config.storeTimeout(),
            config.storeInitTimeout());
    RegistryRestServer rest = null;
    GroupLeaderElection election = null;
    try {
      SchemaRegistryService service = new SchemaRegistryService(log, level);
      service.start();
      // The election decides who may write; until its first outcome nobody does.
      DeferredLeaderElection handle = new DeferredLeaderElection();
      rest = new RegistryRestServer(service, handle);
      URI bound = rest.start(config.listenerHost(), config.listenerPort());
      URI url = advertisedUrl(config, bound.getPort());
      election =
          new GroupLeaderElection(
              config.kafkaClientConfig(),
              config.groupId(),
              config.electionTopic(),
              new ElectionMember(url, config.leaderEligible()),
              log,
              config.storeTimeout());
      handle.set(election);
      election.start();
      LOGGER.info(
          "Schema registry serving on {} (listening on {}), schemas in topic {}",
          url,
          bound,
          config.topic());
      return new RegistryServer(log, rest, election, url);
    } catch (RuntimeException e) {
      closeAfterFailedStart(election, rest, log, e);
      throw e;
    }
  }

  private static void closeAfterFailedStart(
      GroupLeaderElection election,
      RegistryRestServer rest,
      KafkaRegistryLog log,
      RuntimeException failure) {
    for (AutoCloseable c : new AutoCloseable[] {election, rest, log}) {
      if (c == null) {
        continue;
      }
      try {
        c.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }

  /** This instance's advertised REST base URL, as other instances reach it. */
  public URI url() {
    return url;
  }

  /** Whether this instance is the leader now. */
  public boolean isLeader() {
    return election.isLeader();
  }

  /** The leader's URL as this instance knows it; empty while unknown. */
  public Optional<URI> leaderUrl() {
    return election.leaderUrl();
  }

  @Override
  public void close() {
    election.close();
    rest.close();
    log.close();
    LOGGER.info("Schema registry at {} stopped", url);
  }

  /** {@code http://host:port} where other instances reach this one. */
  static URI advertisedUrl(RegistryConfig config, int boundPort) {
    String host = config.hostName().orElseGet(() -> reachableHost(config.listenerHost()));
    String urlHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return URI.create("http://" + urlHost + ":" + boundPort);
  }

  private static String reachableHost(String listenerHost) {
    if (!listenerHost.equals("0.0.0.0") && !listenerHost.equals("::") && !listenerHost.isEmpty()) {
      return listenerHost;
    }
    try {
      return InetAddress.getLocalHost().getCanonicalHostName();
    } catch (UnknownHostException e) {
      LOGGER.warn(
          "Cannot resolve this machine's name ({}); advertising 127.0.0.1, set host.name so other"
              + " instances can reach this one",
          e.getMessage());
      return "127.0.0.1";
    }
  }
}
