package io.tributary.registry.server.internal.election;

import static java.util.Objects.requireNonNull;

import io.tributary.registry.server.internal.store.RegistryLog;
import io.tributary.registry.server.internal.store.RegistryStoreException;
import io.tributary.registry.server.internal.store.SchemasTopic;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects the registry's leader through the Kafka group protocol, with the public kafka-clients API
 * only: every instance runs a consumer in the group {@code schema.registry.group.id}, subscribed to
 * a one-partition election topic of its own, with the {@link LeaderAssignor}. Whenever a member
 * joins or leaves, the group rebalances and the assignor picks the eligible member with the
 * smallest URL and tells every member its URL.
 *
 * <p>Roles: {@link Role#FOLLOWER} (knows the leader's URL, or none) -> {@link Role#CATCHING_UP}
 * (elected; reading the log to its end with {@link RegistryLog#awaitCaughtUp}) -> {@link
 * Role#LEADER}; a rebalance drops a leader back to follower until the new outcome arrives. While
 * catching up the instance reports no leader URL, so nobody forwards writes to an instance that
 * cannot take them yet.
 *
 * <p>Threading: the consumer polls on its own thread, where every role change happens; {@link
 * #isLeader} and {@link #leaderUrl} may be called from any thread. {@link #close} leaves the group
 * at once so another instance takes over without waiting for the session timeout.
 */
public final class GroupLeaderElection implements LeaderElection {
  private static final Logger LOGGER = LoggerFactory.getLogger(GroupLeaderElection.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  private static final int SESSION_TIMEOUT_MS = 10_000;
  private static final int HEARTBEAT_INTERVAL_MS = 500;
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /** This instance's part in the election. */
  enum Role {
    FOLLOWER,
    CATCHING_UP,
    LEADER
  }

  private final Map<String, Object> clientConfig;
  private final String groupId;
  private final String topic;
  private final ElectionMember self;
  private final RegistryLog log;
  private final Duration timeout;

  /** Set on the polling thread by the assignor, consumed by the same thread after poll(). */
  private final AtomicReference<Outcome> pendingOutcome = new AtomicReference<>();

  private volatile Role role = Role.FOLLOWER;
  private volatile Optional<URI> leaderUrl = Optional.empty();
  private volatile boolean running;
  private KafkaConsumer<byte[], byte[]> consumer;
  private Thread poller;

  private record Outcome(ElectionResult result, boolean thisMember) {}

  /**
   * @param clientConfig Kafka client settings ({@code bootstrap.servers} and security settings)
   * @param groupId the group the instances sharing one log elect in ({@code
   *     schema.registry.group.id})
   * @param topic the election topic (one partition; created if missing)
   * @param self this instance's REST base URL and eligibility
   * @param log the registry log a new leader catches up with before it leads
   * @param timeout how long a catch-up may take before it is tried again
   */
  public GroupLeaderElection(
      Map<String, Object> clientConfig,
      String groupId,
      String topic,
      ElectionMember self,
      RegistryLog log,
      Duration timeout) {
    this.clientConfig = Map.copyOf(requireNonNull(clientConfig, "clientConfig is null"));
    this.groupId = requireNonNull(groupId, "groupId is null");
    this.topic = requireNonNull(topic, "topic is null");
    this.self = requireNonNull(self, "self is null");
    this.log = requireNonNull(log, "log is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  /**
   * Creates the election topic if missing and joins the group; returns at once (the outcome arrives
   * on the polling thread).
   *
   * @throws RegistryStoreException if the election topic cannot be checked or created
   */
  public synchronized void start() {
    if (consumer != null) {
      throw new IllegalStateException("The leader election was already started");
    }
    try (Admin admin = Admin.create(clientConfig)) {
      SchemasTopic.ensure(admin, topic, false, 1, Math.max(timeout.toMillis(), 30_000));
    }
    consumer = new KafkaConsumer<>(consumerConfig());
    running = true;
    poller = new Thread(this::pollLoop, "registry-leader-election-" + groupId);
    poller.setDaemon(true);
    poller.start();
    LOGGER.info(
        "Joining the registry group {} as {} (eligible: {})", groupId, self.url(), self.eligible());
  }

  @Override
  public boolean isLeader() {
    return role == Role.LEADER;
  }

  @Override
  public Optional<URI> leaderUrl() {
    return leaderUrl;
  }

  /** This instance's role now. */
  Role role() {
    return role;
  }

  @Override
  public void close() {
    Thread p;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      p = poller;
    }
    role = Role.FOLLOWER;
    leaderUrl = Optional.empty();
    consumer.wakeup();
    try {
      p.join(SESSION_TIMEOUT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pollLoop() {
    try {
      consumer.subscribe(List.of(topic), new RevokeListener());
      while (running) {
        try {
          consumer.poll(POLL_TIMEOUT);
        } catch (WakeupException e) {
          if (!running) {
            break;
          }
        }
        Outcome outcome = pendingOutcome.getAndSet(null);
        if (outcome != null) {
          adopt(outcome);
        }
        if (role == Role.CATCHING_UP) {
          catchUp();
        }
      }
    } catch (RuntimeException e) {
      LOGGER.error(
          "The registry leader election of group {} stopped; this instance no longer leads",
          groupId,
          e);
      role = Role.FOLLOWER;
      leaderUrl = Optional.empty();
    } finally {
      role = Role.FOLLOWER;
      leaderUrl = Optional.empty();
      // Leaves the group, so the others elect a new leader now.
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void adopt(Outcome outcome) {
    if (outcome.thisMember()) {
      role = Role.CATCHING_UP;
      leaderUrl = Optional.empty();
      LOGGER.info("Elected leader of the registry group {}; catching up with the log", groupId);
    } else {
      role = Role.FOLLOWER;
      leaderUrl = outcome.result().leader();
      LOGGER.info(
          "The leader of the registry group {} is {}",
          groupId,
          leaderUrl.map(URI::toString).orElse("(none eligible)"));
    }
  }

  private void catchUp() {
    try {
      log.awaitCaughtUp(timeout);
    } catch (RegistryStoreException e) {
      LOGGER.warn(
          "Not leading yet: catching up with the log failed ({}); retrying", e.getMessage());
      return;
    }
    leaderUrl = Optional.of(self.url());
    role = Role.LEADER;
    LOGGER.info("Leading the registry group {} at {}", groupId, self.url());
  }

  private Map<String, Object> consumerConfig() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(LeaderAssignor.class));
    config.put(LeaderAssignor.PARTICIPANT_CONFIG, new Member());
    config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
    config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_INTERVAL_MS);
    config.putIfAbsent(
        ConsumerConfig.CLIENT_ID_CONFIG, "registry-election-" + INSTANCES.incrementAndGet());
    return config;
  }

  /** The assignor's view of this instance (called on the polling thread). */
  private final class Member implements LeaderAssignor.Participant {
    @Override
    public ElectionMember self() {
      return self;
    }

    @Override
    public void elected(ElectionResult result, boolean thisMember) {
      pendingOutcome.set(new Outcome(result, thisMember));
    }
  }

  /** A leader stops leading as soon as a rebalance starts, before anyone else is elected. */
  private final class RevokeListener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      stepDown();
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      stepDown();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Outcome outcome = pendingOutcome.getAndSet(null);
      if (outcome != null) {
        adopt(outcome);
      }
    }

    private void stepDown() {
      if (role != Role.FOLLOWER) {
        LOGGER.info("Registry group {} is rebalancing: no longer leading", groupId);
        role = Role.FOLLOWER;
        leaderUrl = Optional.empty();
      }
    }
  }
}
