package io.tributary.broker.internal.group;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One group: its state, generation, members and committed offsets.
 *
 * <p>Not thread-safe by itself: every access holds this object's monitor ({@code synchronized
 * (group)}), which the coordinator takes for each request and timer task. A group that reached
 * {@link GroupState#DEAD} is no longer in the coordinator's map; requests that still hold it answer
 * COORDINATOR_NOT_AVAILABLE so the client retries and finds the new group.
 */
final class Group {
  private static final Logger LOGGER = LoggerFactory.getLogger(Group.class);

  /** The protocol type of Kafka consumers; only OffsetDelete looks at it (as Kafka does). */
  static final String CONSUMER_PROTOCOL_TYPE = ConsumerProtocol.PROTOCOL_TYPE;

  private final String groupId;
  private GroupState state;
  private String protocolType;
  private String protocolName;
  private int generationId;
  private String leaderId;
  private final Map<String, GroupMember> members = new LinkedHashMap<>();
  private final Map<String, String> staticMembers = new HashMap<>();
  private final Map<String, GroupTimer.Cancellable> pendingMembers = new HashMap<>();
  private final Set<String> pendingSync = new HashSet<>();
  private final Map<TopicPartition, CommittedOffset> offsets = new HashMap<>();
  private long rebalanceEpoch;
  private boolean initialDelayActive;
  private boolean newMemberAdded;

  Group(String groupId) {
    this.groupId = requireNonNull(groupId, "groupId is null");
    this.state = GroupState.EMPTY;
  }

  String groupId() {
    return groupId;
  }

  GroupState state() {
    return state;
  }

  /**
   * Moves to {@code next}.
   *
   * @throws IllegalStateException for a transition the protocol does not allow
   */
  void transitionTo(GroupState next) {
    if (!state.canTransitionTo(next)) {
      throw new IllegalStateException(
          "Group " + groupId + " cannot move from " + state.wireName() + " to " + next.wireName());
    }
    LOGGER.debug("Group {} moves from {} to {}", groupId, state.wireName(), next.wireName());
    state = next;
  }

  String protocolType() {
    return protocolType;
  }

  String protocolName() {
    return protocolName;
  }

  int generationId() {
    return generationId;
  }

  String leaderId() {
    return leaderId;
  }

  boolean isLeader(String memberId) {
    return memberId.equals(leaderId);
  }

  // ---- members

  boolean hasMembers() {
    return !members.isEmpty();
  }

  GroupMember member(String memberId) {
    return members.get(memberId);
  }

  Collection<GroupMember> members() {
    return List.copyOf(members.values());
  }

  /** The member id a static instance currently has, or null. */
  String staticMemberId(String groupInstanceId) {
    return groupInstanceId == null ? null : staticMembers.get(groupInstanceId);
  }

  /** Whether a request naming this instance and member id comes from a fenced (older) instance. */
  boolean isStaticMemberFenced(String groupInstanceId, String memberId) {
    if (groupInstanceId == null) {
      return false;
    }
    String current = staticMembers.get(groupInstanceId);
    return current != null && !current.equals(memberId);
  }

  void add(GroupMember member, String memberProtocolType) {
    if (members.isEmpty()) {
      protocolType = memberProtocolType;
    }
    members.put(member.memberId(), member);
    if (member.isStatic()) {
      staticMembers.put(member.groupInstanceId(), member.memberId());
    }
    if (leaderId == null) {
      leaderId = member.memberId();
    }
  }

  void remove(GroupMember member) {
    members.remove(member.memberId());
    pendingSync.remove(member.memberId());
    if (member.isStatic()) {
      staticMembers.remove(member.groupInstanceId(), member.memberId());
    }
    member.cancelSessionTimer();
    if (isLeader(member.memberId())) {
      leaderId = chooseLeader();
    }
  }

  private String chooseLeader() {
    for (GroupMember candidate : members.values()) {
      if (candidate.awaitingJoin()) {
        return candidate.memberId();
      }
    }
    return members.isEmpty() ? null : members.keySet().iterator().next();
  }

  /** Gives a static member a new member id (a restarted instance); it keeps its assignment. */
  void replaceStaticMember(GroupMember member, String newMemberId) {
    String oldMemberId = member.memberId();
    members.remove(oldMemberId);
    member.memberId(newMemberId);
    members.put(newMemberId, member);
    staticMembers.put(member.groupInstanceId(), newMemberId);
    if (pendingSync.remove(oldMemberId)) {
      pendingSync.add(newMemberId);
    }
    if (oldMemberId.equals(leaderId)) {
      leaderId = newMemberId;
    }
  }

  boolean isPending(String memberId) {
    return pendingMembers.containsKey(memberId);
  }

  void addPending(String memberId, GroupTimer.Cancellable expiry) {
    pendingMembers.put(memberId, expiry);
  }

  /** Removes a pending member; returns whether it was pending. */
  boolean removePending(String memberId) {
    GroupTimer.Cancellable expiry = pendingMembers.remove(memberId);
    if (expiry != null) {
      expiry.cancel();
      return true;
    }
    return false;
  }

  boolean allMembersJoined() {
    return pendingMembers.isEmpty()
        && members.values().stream().allMatch(GroupMember::awaitingJoin);
  }

  /** The longest rebalance timeout of the members: how long a rebalance waits for rejoins. */
  int rebalanceTimeoutMs() {
    return members.values().stream().mapToInt(GroupMember::rebalanceTimeoutMs).max().orElse(0);
  }

  // ---- protocols

  /**
   * Whether a member with this protocol type and these protocols may join: an empty group takes
   * any; otherwise the type must match and one protocol must be supported by every member.
   */
  boolean supportsProtocols(String memberProtocolType, List<Protocol> protocols) {
    if (members.isEmpty()) {
      return !memberProtocolType.isEmpty() && !protocols.isEmpty();
    }
    if (!memberProtocolType.equals(protocolType)) {
      return false;
    }
    Set<String> candidates = candidateProtocols();
    return protocols.stream().anyMatch(p -> candidates.contains(p.name()));
  }

  private Set<String> candidateProtocols() {
    Set<String> candidates = null;
    for (GroupMember member : members.values()) {
      Set<String> names = new HashSet<>();
      member.protocols().forEach(p -> names.add(p.name()));
      if (candidates == null) {
        candidates = names;
      } else {
        candidates.retainAll(names);
      }
    }
    return candidates == null ? Set.of() : candidates;
  }

  /**
   * The protocol for the next generation: among the protocols every member supports, each member
   * votes for the first one in its own preference order; most votes wins, ties go to the order of
   * the leader's (or first member's) preferences.
   */
  String selectProtocol() {
    Set<String> candidates = candidateProtocols();
    if (candidates.isEmpty()) {
      throw new IllegalStateException("Group " + groupId + " has no protocol all members support");
    }
    Map<String, Integer> votes = new HashMap<>();
    for (GroupMember member : members.values()) {
      for (Protocol protocol : member.protocols()) {
        if (candidates.contains(protocol.name())) {
          votes.merge(protocol.name(), 1, Integer::sum);
          break;
        }
      }
    }
    GroupMember reference = leaderId != null ? members.get(leaderId) : null;
    if (reference == null) {
      reference = members.values().iterator().next();
    }
    String best = null;
    int bestVotes = -1;
    for (Protocol protocol : reference.protocols()) {
      int count = votes.getOrDefault(protocol.name(), 0);
      if (candidates.contains(protocol.name()) && count > bestVotes) {
        best = protocol.name();
        bestVotes = count;
      }
    }
    return best;
  }

  /**
   * Starts the next generation: with members it selects the protocol and moves to
   * CompletingRebalance, without members it moves to Empty.
   */
  void initNextGeneration() {
    generationId++;
    if (members.isEmpty()) {
      protocolName = null;
      transitionTo(GroupState.EMPTY);
    } else {
      protocolName = selectProtocol();
      if (leaderId == null || !members.containsKey(leaderId)) {
        leaderId = chooseLeader();
      }
      pendingSync.clear();
      pendingSync.addAll(members.keySet());
      transitionTo(GroupState.COMPLETING_REBALANCE);
    }
  }

  /** The members' metadata for the selected protocol, as the leader receives it. */
  List<JoinResult.Member> memberMetadata() {
    List<JoinResult.Member> result = new ArrayList<>();
    for (GroupMember member : members.values()) {
      byte[] metadata = member.metadata(protocolName);
      result.add(
          new JoinResult.Member(
              member.memberId(),
              member.groupInstanceId(),
              metadata == null ? new byte[0] : metadata));
    }
    return result;
  }

  /**
   * The topics the members of a consumer group subscribe to, or empty when that cannot be known
   * (not a consumer group, no protocol selected yet, or unreadable metadata).
   */
  Optional<Set<String>> subscribedTopics() {
    if (!CONSUMER_PROTOCOL_TYPE.equals(protocolType) || protocolName == null) {
      return Optional.empty();
    }
    Set<String> topics = new HashSet<>();
    for (GroupMember member : members.values()) {
      byte[] metadata = member.metadata(protocolName);
      if (metadata == null) {
        return Optional.empty();
      }
      try {
        topics.addAll(ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(metadata)).topics());
      } catch (RuntimeException e) {
        LOGGER.debug(
            "Unreadable subscription of member {} in group {}", member.memberId(), groupId);
        return Optional.empty();
      }
    }
    return Optional.of(topics);
  }

  // ---- rebalance bookkeeping

  /** Members that got this generation's join response but have not sent SyncGroup yet. */
  Set<String> pendingSync() {
    return pendingSync;
  }

  /** Starts a new rebalance round; timers of older rounds compare their epoch and do nothing. */
  long nextRebalanceEpoch() {
    return ++rebalanceEpoch;
  }

  long rebalanceEpoch() {
    return rebalanceEpoch;
  }

  boolean initialDelayActive() {
    return initialDelayActive;
  }

  void initialDelayActive(boolean active) {
    this.initialDelayActive = active;
    if (active) {
      newMemberAdded = false;
    }
  }

  boolean newMemberAdded() {
    return newMemberAdded;
  }

  void newMemberAdded(boolean added) {
    this.newMemberAdded = added;
  }

  // ---- offsets

  Map<TopicPartition, CommittedOffset> offsets() {
    return offsets;
  }

  // ---- restore from the log

  /** Restores what a group metadata record holds (broker start only). */
  void restore(GroupRecords.StoredGroup stored) {
    members.clear();
    staticMembers.clear();
    protocolType = stored.protocolType();
    protocolName = stored.protocolName();
    generationId = stored.generationId();
    leaderId = stored.leaderId();
    for (GroupRecords.StoredMember m : stored.members()) {
      GroupMember member =
          new GroupMember(
              m.memberId(),
              m.groupInstanceId(),
              m.clientId(),
              m.clientHost(),
              m.sessionTimeoutMs(),
              m.rebalanceTimeoutMs(),
              protocolName == null ? List.of() : List.of(new Protocol(protocolName, m.metadata())));
      member.assignment(m.assignment());
      members.put(member.memberId(), member);
      if (member.isStatic()) {
        staticMembers.put(member.groupInstanceId(), member.memberId());
      }
    }
    if (leaderId != null && !members.containsKey(leaderId)) {
      leaderId = chooseLeader();
    }
    state = members.isEmpty() ? GroupState.EMPTY : GroupState.STABLE;
  }

  /** What a group metadata record stores about this group now. */
  GroupRecords.StoredGroup snapshot() {
    List<GroupRecords.StoredMember> stored = new ArrayList<>();
    for (GroupMember member : members.values()) {
      byte[] metadata = protocolName == null ? null : member.metadata(protocolName);
      stored.add(
          new GroupRecords.StoredMember(
              member.memberId(),
              member.groupInstanceId(),
              member.clientId(),
              member.clientHost(),
              member.rebalanceTimeoutMs(),
              member.sessionTimeoutMs(),
              metadata == null ? new byte[0] : metadata,
              member.assignment()));
    }
    return new GroupRecords.StoredGroup(protocolType, generationId, protocolName, leaderId, stored);
  }
}
