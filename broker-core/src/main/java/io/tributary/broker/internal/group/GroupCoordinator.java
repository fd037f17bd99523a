package io.tributary.broker.internal.group;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.log.LogManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator of this single broker: it coordinates every group (JoinGroup/SyncGroup
 * membership for any protocol type, committed offsets, group administration), and keeps offsets and
 * group metadata in {@code __consumer_offsets} (see {@link GroupStore}).
 *
 * <p>Lifecycle: {@link #load} replays {@code __consumer_offsets} before the broker serves requests;
 * {@link #close} fails the responses it still holds. Thread-safe; each group has its own lock.
 */
public final class GroupCoordinator implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(GroupCoordinator.class);

  /** The group type ListGroups v5 reports: every group here speaks the classic protocol. */
  public static final String CLASSIC_GROUP_TYPE = "classic";

  private final Map<String, Group> groups = new ConcurrentHashMap<>();
  private final GroupStore store;
  private final Rebalancer rebalancer;
  private final MemberRequests members;
  private final OffsetManager offsets;

  private GroupCoordinator(LogManager logs, GroupTimer timer, GroupConfig config, Clock clock) {
    this.store = new GroupStore(logs, clock);
    this.rebalancer = new Rebalancer(groups, store, timer, config);
    this.members = new MemberRequests(groups, store, rebalancer);
    this.offsets = new OffsetManager(groups, store, members, config, clock);
  }

  /**
   * Creates the coordinator and rebuilds every group's offsets and metadata from {@code
   * __consumer_offsets}. Restored members get a fresh session; members that do not come back
   * expire.
   */
  public static GroupCoordinator load(
      LogManager logs, GroupTimer timer, GroupConfig config, Clock clock) {
    requireNonNull(logs, "logs is null");
    requireNonNull(timer, "timer is null");
    requireNonNull(config, "config is null");
    requireNonNull(clock, "clock is null");
    GroupCoordinator coordinator = new GroupCoordinator(logs, timer, config, clock);
    coordinator.replay();
    return coordinator;
  }

  private void replay() {
    store.replay(
        new GroupStore.ReplayVisitor() {
          @Override
          public void offset(String groupId, TopicPartition partition, CommittedOffset offset) {
            Group group = groups.computeIfAbsent(groupId, Group::new);
            if (offset == null) {
              group.offsets().remove(partition);
            } else {
              group.offsets().put(partition, offset);
            }
          }

          @Override
          public void group(String groupId, GroupRecords.StoredGroup stored) {
            if (stored == null) {
              groups.remove(groupId);
            } else {
              groups.computeIfAbsent(groupId, Group::new).restore(stored);
            }
          }
        });
    for (Group group : groups.values()) {
      rebalancer.resumeSessions(group);
    }
    LOGGER.info("Group coordinator loaded {} groups", groups.size());
  }

  /** Makes sure {@code __consumer_offsets} exists (FindCoordinator creates it, as Kafka does). */
  public void ensureStorage() {
    store.ensureTopic();
  }

  // ---- membership

  public CompletableFuture<JoinResult> join(JoinRequest request) {
    return rebalancer.join(requireNonNull(request, "request is null"));
  }

  public CompletableFuture<SyncResult> sync(SyncRequest request) {
    return members.sync(requireNonNull(request, "request is null"));
  }

  public Errors heartbeat(
      String groupId, String memberId, String groupInstanceId, int generationId) {
    return members.heartbeat(groupId, memberId, groupInstanceId, generationId);
  }

  /**
   * Removes members from a group.
   *
   * @param members pairs of (memberId, groupInstanceId); memberId "" names a static member by
   *     instance id alone
   * @return one error per member, in order
   */
  public List<Errors> leave(String groupId, List<Map.Entry<String, String>> leaving) {
    return members.leave(
        groupId,
        leaving.stream()
            .map(m -> new MemberRequests.LeavingMember(m.getKey(), m.getValue()))
            .toList());
  }

  // ---- offsets

  /** Commits offsets; the answer comes after they are in the log. */
  public Map<TopicPartition, Errors> commitOffsets(
      String groupId,
      int generationId,
      String memberId,
      String groupInstanceId,
      Map<TopicPartition, CommittedOffset> toCommit) {
    return offsets.commit(
        new OffsetManager.CommitRequest(
            groupId, generationId, memberId, groupInstanceId, toCommit));
  }

  /** Committed offsets; {@code partitions} null means all partitions with an offset. */
  public Map<TopicPartition, Optional<CommittedOffset>> fetchOffsets(
      String groupId, List<TopicPartition> partitions) {
    return offsets.fetch(groupId, partitions);
  }

  /** OffsetDelete; throws GroupIdNotFound / GroupNotEmpty for the whole request. */
  public Map<TopicPartition, Errors> deleteOffsets(
      String groupId, Collection<TopicPartition> partitions) {
    return offsets.delete(groupId, partitions);
  }

  // ---- administration

  public GroupDescription describe(String groupId) {
    Group group = groups.get(groupId);
    if (group == null) {
      return new GroupDescription(groupId, GroupState.DEAD.wireName(), "", "", List.of());
    }
    synchronized (group) {
      boolean stable = group.state() == GroupState.STABLE;
      List<GroupDescription.Member> members = new ArrayList<>();
      for (GroupMember member : group.members()) {
        byte[] metadata = stable ? member.metadata(group.protocolName()) : null;
        members.add(
            new GroupDescription.Member(
                member.memberId(),
                member.groupInstanceId(),
                member.clientId(),
                member.clientHost(),
                metadata == null ? new byte[0] : metadata,
                stable ? member.assignment() : new byte[0]));
      }
      return new GroupDescription(
          groupId,
          group.state().wireName(),
          group.protocolType() == null ? "" : group.protocolType(),
          stable ? group.protocolName() : "",
          members);
    }
  }

  /**
   * The groups, optionally filtered.
   *
   * @param states state names to keep (case-insensitive); empty keeps all
   * @param types group types to keep (case-insensitive); empty keeps all; only "classic" exists
   */
  public List<GroupListing> list(Collection<String> states, Collection<String> types) {
    Set<String> stateFilter = lowerCase(states);
    Set<String> typeFilter = lowerCase(types);
    if (!typeFilter.isEmpty() && !typeFilter.contains(CLASSIC_GROUP_TYPE)) {
      return List.of();
    }
    List<GroupListing> result = new ArrayList<>();
    for (Group group : groups.values()) {
      synchronized (group) {
        String state = group.state().wireName();
        if (group.state() == GroupState.DEAD
            || (!stateFilter.isEmpty() && !stateFilter.contains(state.toLowerCase(Locale.ROOT)))) {
          continue;
        }
        result.add(
            new GroupListing(
                group.groupId(), group.protocolType() == null ? "" : group.protocolType(), state));
      }
    }
    return result;
  }

  private static Set<String> lowerCase(Collection<String> values) {
    return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  /** Deletes empty groups with their offsets; one error per group. */
  public Map<String, Errors> deleteGroups(Collection<String> groupIds) {
    Map<String, Errors> result = new LinkedHashMap<>();
    for (String groupId : groupIds) {
      result.put(groupId, deleteGroup(groupId));
    }
    return result;
  }

  private Errors deleteGroup(String groupId) {
    if (groupId.isEmpty()) {
      return Errors.INVALID_GROUP_ID;
    }
    Group group = groups.get(groupId);
    if (group == null) {
      return Errors.GROUP_ID_NOT_FOUND;
    }
    synchronized (group) {
      if (group.state() == GroupState.DEAD) {
        return Errors.GROUP_ID_NOT_FOUND;
      }
      if (group.state() != GroupState.EMPTY) {
        return Errors.NON_EMPTY_GROUP;
      }
      try {
        store.deleteGroup(groupId, List.copyOf(group.offsets().keySet()));
      } catch (RuntimeException e) {
        LOGGER.error("Deleting group {} failed", groupId, e);
        return Errors.COORDINATOR_NOT_AVAILABLE;
      }
      group.transitionTo(GroupState.DEAD);
      group.offsets().clear();
      groups.remove(groupId, group);
      LOGGER.info("Deleted group {}", groupId);
      return Errors.NONE;
    }
  }

  /** Fails the responses still held (JoinGroup/SyncGroup) and stops the timers. */
  @Override
  public void close() {
    for (Group group : groups.values()) {
      rebalancer.shutdown(group);
    }
  }
}
