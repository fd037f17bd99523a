package io.tributary.registry.server.internal.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.registry.server.internal.store.KafkaRegistryLog;
import io.tributary.registry.server.internal.store.RegistryLog;
import io.tributary.registry.server.internal.store.RegistryRecord;
import io.tributary.registry.server.internal.store.RegistryStoreException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupLeaderElectionIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final Duration AWAIT = Duration.ofSeconds(60);

  private EmbeddedBroker broker;
  private KafkaRegistryLog log;
  private final List<GroupLeaderElection> elections = new ArrayList<>();

  @BeforeEach
  void start() {
    broker = EmbeddedBroker.start(Map.of("group.initial.rebalance.delay.ms", "0"));
    log = new KafkaRegistryLog(clientConfig(), "_schemas", 1, TIMEOUT, TIMEOUT);
    log.start(r -> {});
  }

  @AfterEach
  void stop() {
    elections.forEach(GroupLeaderElection::close);
    log.close();
    broker.close();
  }

  private Map<String, Object> clientConfig() {
    return Map.of("bootstrap.servers", broker.bootstrapServers());
  }

  private GroupLeaderElection join(String url, boolean eligible, RegistryLog registryLog) {
    GroupLeaderElection election =
        new GroupLeaderElection(
            clientConfig(),
            "schema-registry",
            "_schemas_leader",
            new ElectionMember(URI.create(url), eligible),
            registryLog,
            TIMEOUT);
    elections.add(election);
    election.start();
    return election;
  }

  private static void awaitAgreedLeader(List<GroupLeaderElection> members, String expectedUrl) {
    await()
        .atMost(AWAIT)
        .untilAsserted(
            () -> {
              assertThat(members.stream().filter(GroupLeaderElection::isLeader)).hasSize(1);
              assertThat(members)
                  .allSatisfy(m -> assertThat(m.leaderUrl()).contains(URI.create(expectedUrl)));
            });
  }

  @Test
  void twoMembersAgreeOnOneLeader() {
    // when
    GroupLeaderElection b = join("http://127.0.0.1:8082", true, log);
    GroupLeaderElection a = join("http://127.0.0.1:8081", true, log);

    // then: the eligible member with the smallest URL leads, and both know it
    awaitAgreedLeader(List.of(a, b), "http://127.0.0.1:8081");
    assertThat(a.isLeader()).isTrue();
    assertThat(b.isLeader()).isFalse();
  }

  @Test
  void threeMembersElectOneAndAnotherTakesOverWhenTheLeaderLeaves() {
    // given
    GroupLeaderElection a = join("http://127.0.0.1:8081", true, log);
    GroupLeaderElection b = join("http://127.0.0.1:8082", true, log);
    GroupLeaderElection c = join("http://127.0.0.1:8083", true, log);
    awaitAgreedLeader(List.of(a, b, c), "http://127.0.0.1:8081");

    // when
    a.close();

    // then
    assertThat(a.isLeader()).isFalse();
    awaitAgreedLeader(List.of(b, c), "http://127.0.0.1:8082");

    // and when the old leader comes back as a new instance, it leads again
    GroupLeaderElection a2 = join("http://127.0.0.1:8081", true, log);
    awaitAgreedLeader(List.of(a2, b, c), "http://127.0.0.1:8081");
  }

  @Test
  void anIneligibleMemberNeverLeads() {
    // given
    GroupLeaderElection ineligible = join("http://127.0.0.1:8081", false, log);
    GroupLeaderElection eligible = join("http://127.0.0.1:8089", true, log);

    // then
    awaitAgreedLeader(List.of(ineligible, eligible), "http://127.0.0.1:8089");

    // when the only eligible member leaves, nobody leads
    eligible.close();
    await().atMost(AWAIT).until(() -> ineligible.leaderUrl().isEmpty());
    assertThat(ineligible.isLeader()).isFalse();
  }

  @Test
  void aNewLeaderLeadsOnlyOnceCaughtUpWithTheLog() {
    // given: a log that is not caught up until the test says so
    GatedLog gated = new GatedLog();
    GroupLeaderElection leader = join("http://127.0.0.1:8081", true, gated);
    GroupLeaderElection follower = join("http://127.0.0.1:8082", true, log);
    await()
        .atMost(AWAIT)
        .until(() -> follower.leaderUrl().equals(Optional.of(URI.create("http://127.0.0.1:8081"))));

    // then: elected, but neither leading nor advertising itself while behind
    await().atMost(AWAIT).until(() -> gated.attempts > 0);
    assertThat(leader.isLeader()).isFalse();
    assertThat(leader.role()).isEqualTo(GroupLeaderElection.Role.CATCHING_UP);
    assertThat(leader.leaderUrl()).isEmpty();

    // when
    gated.caughtUp = true;

    // then
    awaitAgreedLeader(List.of(leader, follower), "http://127.0.0.1:8081");
  }

  /** A log whose catch-up fails until opened; records nothing else. */
  private static final class GatedLog implements RegistryLog {
    volatile boolean caughtUp;
    volatile int attempts;

    @Override
    public void start(Consumer<RegistryRecord> applier) {}

    @Override
    public void append(RegistryRecord record) {
      throw new UnsupportedOperationException("not used by the election");
    }

    @Override
    public void awaitCaughtUp(Duration timeout) {
      attempts++;
      if (!caughtUp) {
        throw new RegistryStoreException("not caught up yet", true, null);
      }
    }

    @Override
    public void close() {}
  }
}
