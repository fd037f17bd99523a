package io.tributary.broker.internal.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.TopicConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.AbstractMap.SimpleEntry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The rebalance protocol and offset store without network: a manual timer, a real log. */
@Timeout(30)
class GroupCoordinatorTest {
  private static final int SESSION_MS = 10_000;
  private static final int REBALANCE_MS = 30_000;
  private static final int INITIAL_DELAY_MS = 100;

  private Path dir;
  private LogManager logs;
  private ManualTimer timer;
  private GroupCoordinator coordinator;

  @BeforeEach
  void start() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Files.createDirectories(tmp);
    dir = Files.createTempDirectory(tmp, "group-coordinator-");
    logs = openLogs();
    timer = new ManualTimer();
    coordinator = newCoordinator(INITIAL_DELAY_MS);
  }

  @AfterEach
  void stop() throws Exception {
    coordinator.close();
    logs.close();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private LogManager openLogs() throws Exception {
    return LogManager.open(
        dir,
        Clock.systemUTC(),
        overrides -> TopicConfigs.resolve(TopicConfigs.kafkaDefaults(), overrides));
  }

  private GroupCoordinator newCoordinator(int initialDelayMs) {
    return GroupCoordinator.load(
        logs, timer, new GroupConfig(initialDelayMs, 1000, 300_000, 4096), Clock.systemUTC());
  }

  private static Protocol protocol(String name) {
    return new Protocol(name, name.getBytes(StandardCharsets.UTF_8));
  }

  private static JoinRequest join(String memberId, String instanceId, List<Protocol> protocols) {
    return new JoinRequest(
        "g",
        memberId,
        instanceId,
        "client",
        "/127.0.0.1",
        SESSION_MS,
        REBALANCE_MS,
        "consumer",
        protocols,
        true,
        true);
  }

  /** A dynamic member's two-step join; returns the held second join. */
  private CompletableFuture<JoinResult> joinDynamic(List<Protocol> protocols) {
    JoinResult first = coordinator.join(join("", null, protocols)).join();
    assertThat(first.error()).isEqualTo(Errors.MEMBER_ID_REQUIRED);
    assertThat(first.memberId()).startsWith("client-");
    return coordinator.join(join(first.memberId(), null, protocols));
  }

  /** A single member forms generation 1 after the initial delay. */
  private JoinResult joinAlone() {
    CompletableFuture<JoinResult> joined = joinDynamic(List.of(protocol("range")));
    timer.advance(INITIAL_DELAY_MS);
    return joined.join();
  }

  /** Two dynamic members form generation 1 and sync; returns their join results. */
  private List<JoinResult> stableGroupOfTwo() {
    CompletableFuture<JoinResult> fa = joinDynamic(List.of(protocol("range")));
    CompletableFuture<JoinResult> fb = joinDynamic(List.of(protocol("range")));
    timer.advance(INITIAL_DELAY_MS * 4);
    List<JoinResult> joined = List.of(fa.join(), fb.join());
    syncAll(joined, Map.of());
    return joined;
  }

  private SyncResult syncAll(List<JoinResult> joined, Map<String, byte[]> assignment) {
    JoinResult leader =
        joined.stream().filter(j -> j.memberId().equals(j.leaderId())).findFirst().orElseThrow();
    List<CompletableFuture<SyncResult>> followers =
        joined.stream()
            .filter(j -> j != leader)
            .map(j -> coordinator.sync(sync(j, Map.of())))
            .toList();
    followers.forEach(f -> assertThat(f).isNotDone());
    SyncResult leaderResult = coordinator.sync(sync(leader, assignment)).join();
    followers.forEach(f -> assertThat(f.join().error()).isEqualTo(Errors.NONE));
    return leaderResult;
  }

  private static SyncRequest sync(JoinResult joined, Map<String, byte[]> assignment) {
    return new SyncRequest(
        "g",
        joined.generationId(),
        joined.memberId(),
        null,
        "consumer",
        joined.protocolName(),
        assignment);
  }

  private String state() {
    return coordinator.describe("g").state();
  }

  @Test
  void membersJoiningDuringTheInitialDelayFormOneGenerationWithTheVotedProtocol() {
    // Given three members with different preferences, joining within the initial delay
    CompletableFuture<JoinResult> a = joinDynamic(List.of(protocol("range"), protocol("sticky")));
    CompletableFuture<JoinResult> b = joinDynamic(List.of(protocol("sticky"), protocol("range")));
    timer.advance(INITIAL_DELAY_MS / 2);
    CompletableFuture<JoinResult> c = joinDynamic(List.of(protocol("sticky"), protocol("range")));
    // Then nobody is answered before the (extended) delay is over
    timer.advance(INITIAL_DELAY_MS / 2 + 1);
    assertThat(a).isNotDone();
    assertThat(state()).isEqualTo("PreparingRebalance");

    // When the delay passes without further joins
    timer.advance(INITIAL_DELAY_MS);

    // Then all three get generation 1, the protocol most members prefer, and one leader who alone
    // sees the member list
    List<JoinResult> results = List.of(a.join(), b.join(), c.join());
    assertThat(results).allSatisfy(r -> assertThat(r.error()).isEqualTo(Errors.NONE));
    assertThat(results).extracting(JoinResult::generationId).containsOnly(1);
    assertThat(results).extracting(JoinResult::protocolName).containsOnly("sticky");
    assertThat(results).extracting(JoinResult::leaderId).containsOnly(a.join().memberId());
    assertThat(a.join().members()).hasSize(3);
    assertThat(b.join().members()).isEmpty();
    assertThat(state()).isEqualTo("CompletingRebalance");

    // When the leader syncs its assignment, every member gets its own part
    byte[] forB = {2};
    SyncResult leaderSync =
        syncAll(results, Map.of(a.join().memberId(), new byte[] {1}, b.join().memberId(), forB));
    assertThat(leaderSync.assignment()).containsExactly(1);
    assertThat(coordinator.sync(sync(b.join(), Map.of())).join().assignment()).containsExactly(2);
    assertThat(coordinator.sync(sync(c.join(), Map.of())).join().assignment()).isEmpty();
    assertThat(state()).isEqualTo("Stable");
  }

  @Test
  void incompatibleProtocolsAreRejected() {
    CompletableFuture<JoinResult> a = joinDynamic(List.of(protocol("range")));
    timer.advance(INITIAL_DELAY_MS * 4);
    assertThat(a.join().error()).isEqualTo(Errors.NONE);

    JoinRequest noCommonProtocol = join("", null, List.of(protocol("roundrobin")));
    assertThat(coordinator.join(noCommonProtocol).join().error())
        .isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL);
    JoinRequest otherType =
        new JoinRequest(
            "g",
            "",
            null,
            "c",
            "/h",
            SESSION_MS,
            REBALANCE_MS,
            "connect",
            List.of(protocol("range")),
            true,
            true);
    assertThat(coordinator.join(otherType).join().error())
        .isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL);
  }

  @Test
  void heartbeatsReportRebalancesAndStaleMembers() {
    // Given a stable group of one
    JoinResult a = joinAlone();
    syncAll(List.of(a), Map.of(a.memberId(), new byte[] {1}));
    assertThat(coordinator.heartbeat("g", a.memberId(), null, 1)).isEqualTo(Errors.NONE);
    assertThat(coordinator.heartbeat("g", a.memberId(), null, 0))
        .isEqualTo(Errors.ILLEGAL_GENERATION);
    assertThat(coordinator.heartbeat("g", "nobody", null, 1)).isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    assertThat(coordinator.heartbeat("other", "nobody", null, 1))
        .isEqualTo(Errors.UNKNOWN_MEMBER_ID);

    // When a second member joins
    CompletableFuture<JoinResult> b = joinDynamic(List.of(protocol("range")));

    // Then the first learns about the rebalance and rejoins, which completes it at once
    assertThat(coordinator.heartbeat("g", a.memberId(), null, 1))
        .isEqualTo(Errors.REBALANCE_IN_PROGRESS);
    assertThat(b).isNotDone();
    JoinResult a2 = coordinator.join(join(a.memberId(), null, List.of(protocol("range")))).join();
    assertThat(a2.generationId()).isEqualTo(2);
    assertThat(b.join().generationId()).isEqualTo(2);
  }

  @Test
  void aMemberWithoutHeartbeatsExpiresAndTheOthersRebalance() {
    List<JoinResult> group = stableGroupOfTwo();
    JoinResult a = group.get(0);
    JoinResult b = group.get(1);

    // When only a heartbeats for longer than the session timeout
    for (int i = 0; i < 4; i++) {
      timer.advance(SESSION_MS / 3);
      coordinator.heartbeat("g", a.memberId(), null, 1);
    }

    // Then b is gone and a is asked to rejoin; a's rejoin forms generation 2 alone
    assertThat(coordinator.describe("g").members())
        .extracting(GroupDescription.Member::memberId)
        .containsExactly(a.memberId());
    assertThat(coordinator.heartbeat("g", a.memberId(), null, 1))
        .isEqualTo(Errors.REBALANCE_IN_PROGRESS);
    assertThat(coordinator.heartbeat("g", b.memberId(), null, 1))
        .isEqualTo(Errors.UNKNOWN_MEMBER_ID);
    JoinResult a2 = coordinator.join(join(a.memberId(), null, List.of(protocol("range")))).join();
    assertThat(a2.generationId()).isEqualTo(2);
    assertThat(a2.leaderId()).isEqualTo(a.memberId());
  }

  @Test
  void membersThatDoNotRejoinWithinTheRebalanceTimeoutAreRemoved() {
    List<JoinResult> group = stableGroupOfTwo();
    JoinResult a = group.get(0);
    JoinResult b = group.get(1);

    // When a rejoins (e.g. its subscription changed) but b stays silent, yet keeps heartbeating
    CompletableFuture<JoinResult> a2 =
        coordinator.join(join(a.memberId(), null, List.of(protocol("range"))));
    for (int i = 0; i < REBALANCE_MS / 5_000; i++) {
      timer.advance(5_000);
      assertThat(coordinator.heartbeat("g", b.memberId(), null, 1))
          .isIn(Errors.REBALANCE_IN_PROGRESS, Errors.UNKNOWN_MEMBER_ID);
    }
    timer.advance(1);

    // Then the rebalance completes without b
    assertThat(a2.join().generationId()).isEqualTo(2);
    assertThat(a2.join().members()).hasSize(1);
  }

  @Test
  void aLeavingMemberTriggersARebalanceAndTheLastOneEmptiesTheGroup() {
    List<JoinResult> group = stableGroupOfTwo();
    JoinResult a = group.get(0);
    JoinResult b = group.get(1);

    assertThat(coordinator.leave("g", List.of(new SimpleEntry<>(b.memberId(), null))))
        .containsExactly(Errors.NONE);
    assertThat(state()).isEqualTo("PreparingRebalance");
    JoinResult a2 = coordinator.join(join(a.memberId(), null, List.of(protocol("range")))).join();
    assertThat(a2.generationId()).isEqualTo(2);
    syncAll(List.of(a2), Map.of());

    assertThat(coordinator.leave("g", List.of(new SimpleEntry<>(a.memberId(), null))))
        .containsExactly(Errors.NONE);
    assertThat(state()).isEqualTo("Empty");
    assertThat(coordinator.leave("g", List.of(new SimpleEntry<>(a.memberId(), null))))
        .containsExactly(Errors.UNKNOWN_MEMBER_ID);
  }

  @Test
  void aRestartedStaticMemberGetsItsAssignmentBackWithoutARebalance() {
    // Given a stable group of a static and a dynamic member
    CompletableFuture<JoinResult> fs =
        coordinator.join(join("", "instance-1", List.of(protocol("range"))));
    CompletableFuture<JoinResult> fd = joinDynamic(List.of(protocol("range")));
    timer.advance(INITIAL_DELAY_MS * 4);
    JoinResult s = fs.join();
    JoinResult d = fd.join();
    syncAll(List.of(s, d), Map.of(s.memberId(), new byte[] {7}, d.memberId(), new byte[] {8}));

    // When the static member comes back with a new process (no member id) within its session
    JoinResult s2 = coordinator.join(join("", "instance-1", List.of(protocol("range")))).join();

    // Then it is answered at once, in the same generation, under a new member id
    assertThat(s2.error()).isEqualTo(Errors.NONE);
    assertThat(s2.generationId()).isEqualTo(1);
    assertThat(s2.memberId()).isNotEqualTo(s.memberId());
    assertThat(state()).isEqualTo("Stable");
    SyncResult resynced =
        coordinator
            .sync(new SyncRequest("g", 1, s2.memberId(), "instance-1", null, null, Map.of()))
            .join();
    assertThat(resynced.assignment()).containsExactly(7);
    // the other member sees no rebalance, the old instance is fenced
    assertThat(coordinator.heartbeat("g", d.memberId(), null, 1)).isEqualTo(Errors.NONE);
    assertThat(coordinator.heartbeat("g", s.memberId(), "instance-1", 1))
        .isEqualTo(Errors.FENCED_INSTANCE_ID);
  }

  @Test
  void offsetsAndGroupGenerationSurviveAReload() throws Exception {
    // Given a simple commit (no members) and a group with a generation
    TopicPartition tp = new TopicPartition("t", 0);
    logs.createTopic("t", 1, Map.of());
    assertThat(
            coordinator.commitOffsets(
                "simple", -1, "", null, Map.of(tp, new CommittedOffset(5, -1, "m", -1))))
        .containsEntry(tp, Errors.NONE);
    JoinResult a = joinAlone();
    syncAll(List.of(a), Map.of(a.memberId(), new byte[] {1}));
    assertThat(
            coordinator.commitOffsets(
                "g", 0, a.memberId(), null, Map.of(tp, new CommittedOffset(9, 0, "", -1))))
        .containsEntry(tp, Errors.ILLEGAL_GENERATION);
    assertThat(
            coordinator.commitOffsets(
                "g", 1, a.memberId(), null, Map.of(tp, new CommittedOffset(9, 0, "", -1))))
        .containsEntry(tp, Errors.NONE);
    assertThat(
            coordinator.commitOffsets(
                "g", -1, "", null, Map.of(tp, new CommittedOffset(1, 0, "", -1))))
        .containsEntry(tp, Errors.UNKNOWN_MEMBER_ID);

    // When the broker restarts (a new coordinator over the same log)
    coordinator.close();
    logs.close();
    logs = openLogs();
    coordinator = newCoordinator(INITIAL_DELAY_MS);

    // Then offsets and the group's generation are back
    assertThat(coordinator.fetchOffsets("simple", null))
        .containsEntry(tp, Optional.of(coordinatorOffset("simple", tp)));
    assertThat(coordinator.fetchOffsets("simple", List.of(tp)).get(tp).orElseThrow().offset())
        .isEqualTo(5);
    assertThat(coordinator.fetchOffsets("g", List.of(tp)).get(tp).orElseThrow().offset())
        .isEqualTo(9);
    assertThat(coordinator.describe("g").state()).isEqualTo("Stable");
    assertThat(coordinator.heartbeat("g", a.memberId(), null, 1)).isEqualTo(Errors.NONE);
  }

  private CommittedOffset coordinatorOffset(String group, TopicPartition tp) {
    return coordinator.fetchOffsets(group, List.of(tp)).get(tp).orElseThrow();
  }

  @Test
  void onlyEmptyGroupsCanBeDeletedAndOffsetDeletionRespectsSubscriptions() {
    TopicPartition tp = new TopicPartition("t", 0);
    logs.createTopic("t", 1, Map.of());
    assertThat(coordinator.deleteGroups(List.of("nope")))
        .containsEntry("nope", Errors.GROUP_ID_NOT_FOUND);
    JoinResult a = joinAlone();
    syncAll(List.of(a), Map.of());
    coordinator.commitOffsets(
        "g", 1, a.memberId(), null, Map.of(tp, new CommittedOffset(3, -1, "", -1)));

    assertThat(coordinator.deleteGroups(List.of("g"))).containsEntry("g", Errors.NON_EMPTY_GROUP);
    coordinator.leave("g", List.of(new SimpleEntry<>(a.memberId(), null)));
    assertThat(coordinator.deleteOffsets("g", List.of(tp))).containsEntry(tp, Errors.NONE);
    assertThat(coordinator.fetchOffsets("g", List.of(tp)).get(tp)).isEmpty();
    assertThat(coordinator.deleteGroups(List.of("g"))).containsEntry("g", Errors.NONE);
    assertThat(coordinator.describe("g").state()).isEqualTo("Dead");
    assertThat(coordinator.list(List.of(), List.of())).isEmpty();
  }

  @Test
  void aStaticMemberRejoiningWithNewMetadataForTheSameProtocolCausesNoRebalance() {
    CompletableFuture<JoinResult> fs =
        coordinator.join(join("", "instance-1", List.of(protocol("range"))));
    timer.advance(INITIAL_DELAY_MS * 4);
    JoinResult s = fs.join();
    syncAll(List.of(s), Map.of(s.memberId(), new byte[] {7}));

    // A restarted consumer owns no partitions yet, so its subscription bytes differ
    Protocol changed = new Protocol("range", new byte[] {42});
    JoinResult s2 = coordinator.join(join("", "instance-1", List.of(changed))).join();

    assertThat(s2.generationId()).isEqualTo(1);
    assertThat(s2.skipAssignment()).isTrue();
    assertThat(s2.members()).hasSize(1);
    assertThat(state()).isEqualTo("Stable");
    // the old process is fenced wherever it shows up
    assertThat(coordinator.join(join(s.memberId(), "instance-1", List.of(changed))).join().error())
        .isEqualTo(Errors.FENCED_INSTANCE_ID);
    assertThat(
            coordinator
                .sync(new SyncRequest("g", 1, s.memberId(), "instance-1", null, null, Map.of()))
                .join()
                .error())
        .isEqualTo(Errors.FENCED_INSTANCE_ID);
  }

  @Test
  void syncAndJoinRejectWrongGenerationsProtocolsAndTimeouts() {
    JoinResult a = joinAlone();
    assertThat(coordinator.sync(new SyncRequest("g", 7, a.memberId(), null, null, null, Map.of())))
        .isCompletedWithValueMatching(r -> r.error() == Errors.ILLEGAL_GENERATION);
    assertThat(
            coordinator.sync(
                new SyncRequest("g", 1, a.memberId(), null, "consumer", "roundrobin", Map.of())))
        .isCompletedWithValueMatching(r -> r.error() == Errors.INCONSISTENT_GROUP_PROTOCOL);
    JoinRequest tooShort =
        new JoinRequest(
            "g",
            "",
            null,
            "c",
            "/h",
            10,
            REBALANCE_MS,
            "consumer",
            List.of(protocol("range")),
            true,
            true);
    assertThat(coordinator.join(tooShort))
        .isCompletedWithValueMatching(r -> r.error() == Errors.INVALID_SESSION_TIMEOUT);
    assertThat(coordinator.heartbeat("", "x", null, 1)).isEqualTo(Errors.INVALID_GROUP_ID);
  }

  @Test
  void aLeaderThatNeverSyncsIsRemovedAfterTheRebalanceTimeout() {
    CompletableFuture<JoinResult> fa = joinDynamic(List.of(protocol("range")));
    CompletableFuture<JoinResult> fb = joinDynamic(List.of(protocol("range")));
    timer.advance(INITIAL_DELAY_MS * 4);
    JoinResult a = fa.join();
    JoinResult b = fb.join();
    JoinResult leader = a.memberId().equals(a.leaderId()) ? a : b;
    JoinResult follower = leader == a ? b : a;

    // When the follower syncs and both heartbeat, but the leader never sends its assignment
    CompletableFuture<SyncResult> waiting = coordinator.sync(sync(follower, Map.of()));
    for (int i = 0; i < REBALANCE_MS / 5_000 + 1; i++) {
      timer.advance(5_000);
      coordinator.heartbeat("g", leader.memberId(), null, 1);
      coordinator.heartbeat("g", follower.memberId(), null, 1);
    }

    // Then the leader is removed and the follower is told to rejoin
    assertThat(waiting)
        .isCompletedWithValueMatching(r -> r.error() == Errors.REBALANCE_IN_PROGRESS);
    assertThat(coordinator.describe("g").members())
        .extracting(GroupDescription.Member::memberId)
        .containsExactly(follower.memberId());
  }
}
