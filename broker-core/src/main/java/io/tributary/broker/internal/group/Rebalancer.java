package io.tributary.broker.internal.group;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The join side of the rebalance protocol for any protocol type (consumer groups, Connect workers,
 * ...): JoinGroup, generations, leader election, protocol selection, static membership, and the
 * timers that bound a rebalance and a session. {@link MemberRequests} serves the rest (SyncGroup,
 * Heartbeat, LeaveGroup).
 *
 * <p>Threading: every method takes the group's monitor; timer tasks do the same and check a round
 * or session epoch so a stale timer does nothing. Held responses are incomplete futures completed
 * while the lock is held (their continuations only encode and write the response).
 */
final class Rebalancer {
  private static final Logger LOGGER = LoggerFactory.getLogger(Rebalancer.class);
  private static final byte[] NO_ASSIGNMENT = new byte[0];

  private final Map<String, Group> groups;
  private final GroupStore store;
  private final GroupTimer timer;
  private final GroupConfig config;

  Rebalancer(Map<String, Group> groups, GroupStore store, GroupTimer timer, GroupConfig config) {
    this.groups = requireNonNull(groups, "groups is null");
    this.store = requireNonNull(store, "store is null");
    this.timer = requireNonNull(timer, "timer is null");
    this.config = requireNonNull(config, "config is null");
  }

  // ---------------------------------------------------------------- JoinGroup

  CompletableFuture<JoinResult> join(JoinRequest request) {
    String memberId = request.memberId();
    if (request.groupId().isEmpty()) {
      return done(JoinResult.error(Errors.INVALID_GROUP_ID, memberId));
    }
    if (request.sessionTimeoutMs() < config.minSessionTimeoutMs()
        || request.sessionTimeoutMs() > config.maxSessionTimeoutMs()) {
      return done(JoinResult.error(Errors.INVALID_SESSION_TIMEOUT, memberId));
    }
    boolean newMember = memberId.isEmpty();
    Group group =
        newMember
            ? groups.computeIfAbsent(request.groupId(), Group::new)
            : groups.get(request.groupId());
    if (group == null) {
      return done(JoinResult.error(Errors.UNKNOWN_MEMBER_ID, memberId));
    }
    synchronized (group) {
      if (group.state() == GroupState.DEAD) {
        return done(JoinResult.error(Errors.COORDINATOR_NOT_AVAILABLE, memberId));
      }
      if (!group.supportsProtocols(request.protocolType(), request.protocols())) {
        return done(JoinResult.error(Errors.INCONSISTENT_GROUP_PROTOCOL, memberId));
      }
      CompletableFuture<JoinResult> result =
          newMember ? joinNewMember(group, request) : joinKnownMember(group, request);
      tryCompleteJoin(group);
      return result;
    }
  }

  private CompletableFuture<JoinResult> joinNewMember(Group group, JoinRequest request) {
    String prefix = request.clientId().isEmpty() ? "member" : request.clientId();
    String newMemberId = prefix + "-" + UUID.randomUUID();
    String instanceId = request.groupInstanceId();
    if (instanceId != null) {
      String existing = group.staticMemberId(instanceId);
      if (existing != null) {
        return replaceStaticMember(group, group.member(existing), newMemberId, request);
      }
      return addMemberAndRebalance(group, newMemberId, request);
    }
    if (request.requireKnownMemberId()) {
      // KIP-394: the member learns its id first, so a retried join does not leave a ghost member.
      group.addPending(
          newMemberId,
          timer.schedule(request.sessionTimeoutMs(), () -> pendingExpired(group, newMemberId)));
      return done(JoinResult.error(Errors.MEMBER_ID_REQUIRED, newMemberId));
    }
    return addMemberAndRebalance(group, newMemberId, request);
  }

  private CompletableFuture<JoinResult> joinKnownMember(Group group, JoinRequest request) {
    String memberId = request.memberId();
    if (group.removePending(memberId)) {
      return addMemberAndRebalance(group, memberId, request);
    }
    if (group.isStaticMemberFenced(request.groupInstanceId(), memberId)) {
      return done(JoinResult.error(Errors.FENCED_INSTANCE_ID, memberId));
    }
    GroupMember member = group.member(memberId);
    if (member == null) {
      return done(JoinResult.error(Errors.UNKNOWN_MEMBER_ID, memberId));
    }
    switch (group.state()) {
      case PREPARING_REBALANCE:
        return updateMemberAndRebalance(group, member, request, "member " + memberId + " rejoined");
      case COMPLETING_REBALANCE:
        if (member.matches(request.protocols())) {
          // The member lost the join response; give it the current generation again.
          touch(group, member);
          return done(currentGeneration(group, member, false, true));
        }
        return updateMemberAndRebalance(
            group, member, request, "member " + memberId + " changed its protocols");
      case STABLE:
        if (group.isLeader(memberId) || !member.matches(request.protocols())) {
          return updateMemberAndRebalance(
              group, member, request, "member " + memberId + " (leader or changed) rejoined");
        }
        touch(group, member);
        return done(currentGeneration(group, member, false, true));
      default:
        return done(JoinResult.error(Errors.UNKNOWN_MEMBER_ID, memberId));
    }
  }

  private CompletableFuture<JoinResult> replaceStaticMember(
      Group group, GroupMember member, String newMemberId, JoinRequest request) {
    String oldMemberId = member.memberId();
    // The old instance is fenced: whatever it still waits for fails.
    member.completeJoin(JoinResult.error(Errors.FENCED_INSTANCE_ID, oldMemberId));
    member.completeSync(SyncResult.error(Errors.FENCED_INSTANCE_ID));
    group.replaceStaticMember(member, newMemberId);
    LOGGER.info(
        "Static member {} of group {} rejoined as {} (was {})",
        member.groupInstanceId(),
        group.groupId(),
        newMemberId,
        oldMemberId);
    String reason = "static member " + member.groupInstanceId() + " rejoined";
    switch (group.state()) {
      case STABLE:
        member.update(request);
        // Its metadata differs anyway (a new process owns no partitions yet); what matters is
        // whether the group would pick another protocol. If not, it keeps its assignment.
        if (!group.selectProtocol().equals(group.protocolName())) {
          return updateMemberAndRebalance(
              group, member, request, reason + " changing the protocol");
        }
        try {
          store.writeGroup(group.groupId(), group.snapshot());
        } catch (RuntimeException e) {
          LOGGER.error(
              "Storing the new member id of static member {} in group {} failed",
              member.groupInstanceId(),
              group.groupId(),
              e);
          return done(JoinResult.error(Errors.COORDINATOR_NOT_AVAILABLE, ""));
        }
        touch(group, member);
        // No rebalance: SyncGroup hands back the assignment the member had.
        return done(currentGeneration(group, member, true, request.supportsSkipAssignment()));
      case COMPLETING_REBALANCE:
      case PREPARING_REBALANCE:
        return updateMemberAndRebalance(group, member, request, reason);
      default:
        throw new IllegalStateException(
            "Group " + group.groupId() + " has a static member but is " + group.state());
    }
  }

  private CompletableFuture<JoinResult> addMemberAndRebalance(
      Group group, String memberId, JoinRequest request) {
    GroupMember member =
        new GroupMember(
            memberId,
            request.groupInstanceId(),
            request.clientId(),
            request.clientHost(),
            request.sessionTimeoutMs(),
            request.rebalanceTimeoutMs(),
            request.protocols());
    CompletableFuture<JoinResult> future = new CompletableFuture<>();
    member.joinFuture(future);
    group.add(member, request.protocolType());
    if (group.state() == GroupState.PREPARING_REBALANCE && group.initialDelayActive()) {
      group.newMemberAdded(true);
    }
    maybePrepareRebalance(group, "member " + memberId + " joined");
    return future;
  }

  private CompletableFuture<JoinResult> updateMemberAndRebalance(
      Group group, GroupMember member, JoinRequest request, String reason) {
    member.update(request);
    // A client sends one JoinGroup at a time; an older held one belongs to a request it gave up.
    member.completeJoin(JoinResult.error(Errors.REBALANCE_IN_PROGRESS, member.memberId()));
    CompletableFuture<JoinResult> future = new CompletableFuture<>();
    member.joinFuture(future);
    maybePrepareRebalance(group, reason);
    return future;
  }

  /** The current generation as one member sees it; the leader gets the member list. */
  private static JoinResult currentGeneration(
      Group group, GroupMember member, boolean skipAssignment, boolean leaderGetsMembers) {
    boolean leader = group.isLeader(member.memberId());
    return new JoinResult(
        Errors.NONE,
        member.memberId(),
        group.generationId(),
        group.protocolType(),
        group.protocolName(),
        group.leaderId(),
        skipAssignment && leader,
        leader && leaderGetsMembers ? group.memberMetadata() : List.of());
  }

  // ---------------------------------------------------------------- rebalance rounds

  private void maybePrepareRebalance(Group group, String reason) {
    if (group.state().canTransitionTo(GroupState.PREPARING_REBALANCE)) {
      prepareRebalance(group, reason);
    }
  }

  void prepareRebalance(Group group, String reason) {
    if (group.state() == GroupState.COMPLETING_REBALANCE) {
      // The assignment being computed is for members that are changing: drop it.
      for (GroupMember member : group.members()) {
        member.assignment(NO_ASSIGNMENT);
        if (member.awaitingSync()) {
          member.completeSync(SyncResult.error(Errors.REBALANCE_IN_PROGRESS));
          touch(group, member);
        }
      }
    }
    boolean fromEmpty = group.state() == GroupState.EMPTY;
    group.transitionTo(GroupState.PREPARING_REBALANCE);
    long round = group.nextRebalanceEpoch();
    int rebalanceTimeoutMs = group.rebalanceTimeoutMs();
    LOGGER.info(
        "Preparing to rebalance group {} (generation {}): {}",
        group.groupId(),
        group.generationId(),
        reason);
    int delayMs = config.initialRebalanceDelayMs();
    if (fromEmpty && delayMs > 0) {
      // group.initial.rebalance.delay.ms: let more members arrive before the first generation.
      group.initialDelayActive(true);
      long remaining = Math.max(rebalanceTimeoutMs - delayMs, 0);
      timer.schedule(delayMs, () -> initialDelayExpired(group, round, remaining));
    } else {
      group.initialDelayActive(false);
      timer.schedule(rebalanceTimeoutMs, () -> rebalanceTimedOut(group, round));
      tryCompleteJoin(group);
    }
  }

  private void initialDelayExpired(Group group, long round, long remainingMs) {
    synchronized (group) {
      if (group.rebalanceEpoch() != round
          || group.state() != GroupState.PREPARING_REBALANCE
          || !group.initialDelayActive()) {
        return;
      }
      if (group.newMemberAdded() && remainingMs > 0) {
        group.newMemberAdded(false);
        long delay = Math.min(config.initialRebalanceDelayMs(), remainingMs);
        long left = Math.max(remainingMs - delay, 0);
        timer.schedule(delay, () -> initialDelayExpired(group, round, left));
      } else {
        group.initialDelayActive(false);
        completeJoin(group);
      }
    }
  }

  private void rebalanceTimedOut(Group group, long round) {
    synchronized (group) {
      if (group.rebalanceEpoch() == round
          && group.state() == GroupState.PREPARING_REBALANCE
          && !group.initialDelayActive()) {
        completeJoin(group);
      }
    }
  }

  void tryCompleteJoin(Group group) {
    if (group.state() == GroupState.PREPARING_REBALANCE
        && !group.initialDelayActive()
        && group.allMembersJoined()) {
      completeJoin(group);
    }
  }

  /** Ends the join phase: members that did not rejoin are removed, the next generation starts. */
  private void completeJoin(Group group) {
    for (GroupMember member : group.members()) {
      if (!member.awaitingJoin()) {
        LOGGER.info(
            "Member {} of group {} did not rejoin within the rebalance timeout; removing it",
            member.memberId(),
            group.groupId());
        group.remove(member);
        member.completeSync(SyncResult.error(Errors.UNKNOWN_MEMBER_ID));
      }
    }
    group.initNextGeneration();
    if (group.state() == GroupState.EMPTY) {
      LOGGER.info("Group {} is empty in generation {}", group.groupId(), group.generationId());
      try {
        store.writeGroup(group.groupId(), group.snapshot());
      } catch (RuntimeException e) {
        LOGGER.error(
            "Storing empty group {} (generation {}) failed; a restart may bring back its last"
                + " members, which then expire",
            group.groupId(),
            group.generationId(),
            e);
      }
      return;
    }
    LOGGER.info(
        "Group {} generation {}: {} members, protocol {}, leader {}",
        group.groupId(),
        group.generationId(),
        group.members().size(),
        group.protocolName(),
        group.leaderId());
    for (GroupMember member : group.members()) {
      member.completeJoin(currentGeneration(group, member, false, true));
      touch(group, member);
    }
    int generation = group.generationId();
    timer.schedule(group.rebalanceTimeoutMs(), () -> syncTimedOut(group, generation));
  }

  /**
   * Members that never sent SyncGroup for their generation within the rebalance timeout are removed
   * (without it, a leader that heartbeats but never syncs would hold the group forever).
   */
  private void syncTimedOut(Group group, int generation) {
    synchronized (group) {
      if (group.generationId() != generation
          || !(group.state() == GroupState.COMPLETING_REBALANCE
              || group.state() == GroupState.STABLE)
          || group.pendingSync().isEmpty()) {
        return;
      }
      for (String memberId : List.copyOf(group.pendingSync())) {
        GroupMember member = group.member(memberId);
        if (member != null) {
          LOGGER.info(
              "Member {} of group {} sent no SyncGroup for generation {} within the rebalance"
                  + " timeout; removing it",
              memberId,
              group.groupId(),
              generation);
          removeMemberAndUpdateGroup(group, member, "member " + memberId + " did not sync");
        }
      }
    }
  }

  // ---------------------------------------------------------------- sessions

  /** Restarts a member's session: it is removed if nothing is heard within its session timeout. */
  void touch(Group group, GroupMember member) {
    long epoch = member.nextSessionEpoch();
    member.replaceSessionTimer(
        timer.schedule(member.sessionTimeoutMs(), () -> sessionExpired(group, member, epoch)));
  }

  private void sessionExpired(Group group, GroupMember member, long epoch) {
    synchronized (group) {
      if (group.member(member.memberId()) != member || member.sessionEpoch() != epoch) {
        return;
      }
      if (member.awaitingJoin() || member.awaitingSync()) {
        return; // the coordinator holds its response; the response restarts the session
      }
      LOGGER.info(
          "Member {} of group {} sent no heartbeat within its session timeout ({} ms); removing it",
          member.memberId(),
          group.groupId(),
          member.sessionTimeoutMs());
      removeMemberAndUpdateGroup(group, member, "member " + member.memberId() + " expired");
    }
  }

  private void pendingExpired(Group group, String memberId) {
    synchronized (group) {
      if (group.removePending(memberId)) {
        LOGGER.debug("Pending member {} of group {} never rejoined", memberId, group.groupId());
        tryCompleteJoin(group);
      }
    }
  }

  void removeMemberAndUpdateGroup(Group group, GroupMember member, String reason) {
    member.completeJoin(JoinResult.error(Errors.UNKNOWN_MEMBER_ID, member.memberId()));
    member.completeSync(SyncResult.error(Errors.UNKNOWN_MEMBER_ID));
    group.remove(member);
    switch (group.state()) {
      case STABLE, COMPLETING_REBALANCE -> prepareRebalance(group, reason);
      case PREPARING_REBALANCE -> tryCompleteJoin(group);
      default -> {}
    }
  }

  /** Starts session timers for members restored from the log (broker start). */
  void resumeSessions(Group group) {
    synchronized (group) {
      for (GroupMember member : group.members()) {
        touch(group, member);
      }
    }
  }

  /** Fails every held response (broker shutdown). */
  void shutdown(Group group) {
    synchronized (group) {
      for (GroupMember member : group.members()) {
        member.cancelSessionTimer();
        member.completeJoin(JoinResult.error(Errors.COORDINATOR_NOT_AVAILABLE, member.memberId()));
        member.completeSync(SyncResult.error(Errors.COORDINATOR_NOT_AVAILABLE));
      }
    }
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
