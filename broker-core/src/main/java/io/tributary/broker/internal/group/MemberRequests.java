package io.tributary.broker.internal.group;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests of members between rebalances, for any protocol type: SyncGroup (the leader's
 * assignment reaches every member), Heartbeat, LeaveGroup, and the member checks of OffsetCommit.
 * Rebalances these cause are run by the {@link Rebalancer}.
 *
 * <p>Threading: every method takes the group's monitor.
 */
final class MemberRequests {
  private static final Logger LOGGER = LoggerFactory.getLogger(MemberRequests.class);
  private static final byte[] NO_ASSIGNMENT = new byte[0];

  private final Map<String, Group> groups;
  private final GroupStore store;
  private final Rebalancer rebalancer;

  /** A member named in a LeaveGroup: by member id, or by instance id with member id "". */
  record LeavingMember(String memberId, String groupInstanceId) {
    LeavingMember {
      requireNonNull(memberId, "memberId is null");
    }
  }

  MemberRequests(Map<String, Group> groups, GroupStore store, Rebalancer rebalancer) {
    this.groups = requireNonNull(groups, "groups is null");
    this.store = requireNonNull(store, "store is null");
    this.rebalancer = requireNonNull(rebalancer, "rebalancer is null");
  }

  CompletableFuture<SyncResult> sync(SyncRequest request) {
    Group group = request.groupId().isEmpty() ? null : groups.get(request.groupId());
    if (group == null) {
      return done(
          SyncResult.error(
              request.groupId().isEmpty() ? Errors.INVALID_GROUP_ID : Errors.UNKNOWN_MEMBER_ID));
    }
    synchronized (group) {
      Errors error = validateMember(group, request.memberId(), request.groupInstanceId());
      if (error == Errors.NONE && request.generationId() != group.generationId()) {
        error = Errors.ILLEGAL_GENERATION;
      }
      if (error == Errors.NONE
          && ((request.protocolType() != null
                  && !request.protocolType().equals(group.protocolType()))
              || (request.protocolName() != null
                  && !request.protocolName().equals(group.protocolName())))) {
        error = Errors.INCONSISTENT_GROUP_PROTOCOL;
      }
      if (error != Errors.NONE) {
        return done(SyncResult.error(error));
      }
      GroupMember member = group.member(request.memberId());
      group.pendingSync().remove(member.memberId());
      switch (group.state()) {
        case PREPARING_REBALANCE:
          return done(SyncResult.error(Errors.REBALANCE_IN_PROGRESS));
        case COMPLETING_REBALANCE:
          member.completeSync(SyncResult.error(Errors.REBALANCE_IN_PROGRESS));
          CompletableFuture<SyncResult> future = new CompletableFuture<>();
          member.syncFuture(future);
          if (group.isLeader(member.memberId())) {
            applyAssignment(group, request.assignments());
          }
          return future;
        case STABLE:
          rebalancer.touch(group, member);
          return done(
              new SyncResult(
                  Errors.NONE, group.protocolType(), group.protocolName(), member.assignment()));
        default:
          return done(SyncResult.error(Errors.UNKNOWN_MEMBER_ID));
      }
    }
  }

  private void applyAssignment(Group group, Map<String, byte[]> assignments) {
    for (GroupMember member : group.members()) {
      member.assignment(assignments.getOrDefault(member.memberId(), NO_ASSIGNMENT));
    }
    try {
      store.writeGroup(group.groupId(), group.snapshot());
    } catch (RuntimeException e) {
      LOGGER.error(
          "Storing the assignment of group {} generation {} failed; the group rebalances again",
          group.groupId(),
          group.generationId(),
          e);
      for (GroupMember member : group.members()) {
        member.assignment(NO_ASSIGNMENT);
        if (member.awaitingSync()) {
          member.completeSync(SyncResult.error(Errors.COORDINATOR_NOT_AVAILABLE));
          rebalancer.touch(group, member);
        }
      }
      rebalancer.prepareRebalance(group, "storing the assignment failed");
      return;
    }
    group.transitionTo(GroupState.STABLE);
    LOGGER.info("Group {} is stable in generation {}", group.groupId(), group.generationId());
    for (GroupMember member : group.members()) {
      if (member.awaitingSync()) {
        member.completeSync(
            new SyncResult(
                Errors.NONE, group.protocolType(), group.protocolName(), member.assignment()));
        rebalancer.touch(group, member);
      }
    }
  }

  Errors heartbeat(String groupId, String memberId, String groupInstanceId, int generationId) {
    Group group = groupId.isEmpty() ? null : groups.get(groupId);
    if (group == null) {
      return groupId.isEmpty() ? Errors.INVALID_GROUP_ID : Errors.UNKNOWN_MEMBER_ID;
    }
    synchronized (group) {
      Errors error = validateMember(group, memberId, groupInstanceId);
      if (error != Errors.NONE) {
        return error;
      }
      if (generationId != group.generationId()) {
        return Errors.ILLEGAL_GENERATION;
      }
      rebalancer.touch(group, group.member(memberId));
      return group.state() == GroupState.PREPARING_REBALANCE
          ? Errors.REBALANCE_IN_PROGRESS
          : Errors.NONE;
    }
  }

  /** Removes members; returns one error per member, in order (or throws for the whole group). */
  List<Errors> leave(String groupId, List<LeavingMember> leaving) {
    Group group = groupId.isEmpty() ? null : groups.get(groupId);
    if (group == null) {
      Errors error = groupId.isEmpty() ? Errors.INVALID_GROUP_ID : Errors.UNKNOWN_MEMBER_ID;
      return leaving.stream().map(m -> error).toList();
    }
    synchronized (group) {
      if (group.state() == GroupState.DEAD) {
        throw Errors.COORDINATOR_NOT_AVAILABLE.exception(
            "Group " + groupId + " is being deleted; retry");
      }
      return leaving.stream().map(m -> leaveOne(group, m)).toList();
    }
  }

  private Errors leaveOne(Group group, LeavingMember leaving) {
    String memberId = leaving.memberId();
    if (memberId.isEmpty() && leaving.groupInstanceId() != null) {
      memberId = group.staticMemberId(leaving.groupInstanceId());
      if (memberId == null) {
        return Errors.UNKNOWN_MEMBER_ID;
      }
    } else if (group.isStaticMemberFenced(leaving.groupInstanceId(), memberId)) {
      return Errors.FENCED_INSTANCE_ID;
    }
    if (group.removePending(memberId)) {
      rebalancer.tryCompleteJoin(group);
      return Errors.NONE;
    }
    GroupMember member = group.member(memberId);
    if (member == null) {
      return Errors.UNKNOWN_MEMBER_ID;
    }
    LOGGER.info("Member {} leaves group {}", memberId, group.groupId());
    rebalancer.removeMemberAndUpdateGroup(group, member, "member " + memberId + " left");
    return Errors.NONE;
  }

  /**
   * Checks that an OffsetCommit may be applied for this member and generation (Kafka's rules for
   * classic groups); a valid commit from a member counts as a sign of life. Caller holds the lock.
   */
  Errors validateCommit(Group group, int generationId, String memberId, String groupInstanceId) {
    if (group.state() == GroupState.DEAD) {
      return Errors.COORDINATOR_NOT_AVAILABLE;
    }
    if (generationId < 0 && group.state() == GroupState.EMPTY) {
      return Errors.NONE; // the group only stores offsets (consumer.assign() + commitSync)
    }
    if (group.isStaticMemberFenced(groupInstanceId, memberId)) {
      return Errors.FENCED_INSTANCE_ID;
    }
    if (group.state() == GroupState.COMPLETING_REBALANCE) {
      return Errors.REBALANCE_IN_PROGRESS;
    }
    GroupMember member = group.member(memberId);
    if (member == null) {
      return Errors.UNKNOWN_MEMBER_ID;
    }
    if (generationId != group.generationId()) {
      return Errors.ILLEGAL_GENERATION;
    }
    rebalancer.touch(group, member);
    return Errors.NONE;
  }

  private static Errors validateMember(Group group, String memberId, String groupInstanceId) {
    if (group.state() == GroupState.DEAD) {
      return Errors.COORDINATOR_NOT_AVAILABLE;
    }
    if (group.isStaticMemberFenced(groupInstanceId, memberId)) {
      return Errors.FENCED_INSTANCE_ID;
    }
    if (group.member(memberId) == null) {
      return Errors.UNKNOWN_MEMBER_ID;
    }
    return Errors.NONE;
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
