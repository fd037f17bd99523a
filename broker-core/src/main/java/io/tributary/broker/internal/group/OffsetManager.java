package io.tributary.broker.internal.group;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Committed offsets: OffsetCommit, OffsetFetch and OffsetDelete. Commits are appended to {@code
 * __consumer_offsets} before they become visible and before they are acknowledged.
 *
 * <p>Thread-safety: every operation holds the group's monitor, so commits of one group reach the
 * log and the cache in the same order.
 */
final class OffsetManager {
  private static final Logger LOGGER = LoggerFactory.getLogger(OffsetManager.class);

  private final Map<String, Group> groups;
  private final GroupStore store;
  private final MemberRequests members;
  private final GroupConfig config;
  private final Clock clock;

  /**
   * A commit request.
   *
   * @param groupId the group
   * @param generationId the member's generation, or -1 for a commit outside group management
   * @param memberId the member, or "" outside group management
   * @param groupInstanceId the static instance id or null
   * @param offsets the offsets to commit (metadata null means "")
   */
  record CommitRequest(
      String groupId,
      int generationId,
      String memberId,
      String groupInstanceId,
      Map<TopicPartition, CommittedOffset> offsets) {
    CommitRequest {
      requireNonNull(groupId, "groupId is null");
      requireNonNull(memberId, "memberId is null");
      offsets = new LinkedHashMap<>(requireNonNull(offsets, "offsets is null"));
    }
  }

  OffsetManager(
      Map<String, Group> groups,
      GroupStore store,
      MemberRequests members,
      GroupConfig config,
      Clock clock) {
    this.groups = requireNonNull(groups, "groups is null");
    this.store = requireNonNull(store, "store is null");
    this.members = requireNonNull(members, "members is null");
    this.config = requireNonNull(config, "config is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  Map<TopicPartition, Errors> commit(CommitRequest request) {
    if (request.groupId().isEmpty()) {
      return allFailed(request.offsets().keySet(), Errors.INVALID_GROUP_ID);
    }
    Group group = groups.get(request.groupId());
    if (group == null) {
      if (request.generationId() >= 0) {
        // A generation of a group this coordinator does not know: an old member.
        return allFailed(request.offsets().keySet(), Errors.ILLEGAL_GENERATION);
      }
      group = groups.computeIfAbsent(request.groupId(), Group::new);
    }
    synchronized (group) {
      Errors error =
          members.validateCommit(
              group, request.generationId(), request.memberId(), request.groupInstanceId());
      if (error != Errors.NONE) {
        return allFailed(request.offsets().keySet(), error);
      }
      Map<TopicPartition, Errors> result = new LinkedHashMap<>();
      Map<TopicPartition, CommittedOffset> accepted = new LinkedHashMap<>();
      long now = clock.millis();
      request
          .offsets()
          .forEach(
              (tp, offset) -> {
                String metadata = offset.metadata();
                if (metadata.getBytes(StandardCharsets.UTF_8).length
                    > config.offsetMetadataMaxBytes()) {
                  result.put(tp, Errors.OFFSET_METADATA_TOO_LARGE);
                } else {
                  accepted.put(
                      tp,
                      new CommittedOffset(offset.offset(), offset.leaderEpoch(), metadata, now));
                  result.put(tp, Errors.NONE);
                }
              });
      if (!accepted.isEmpty()) {
        try {
          store.writeOffsets(group.groupId(), accepted);
        } catch (RecordTooLargeException e) {
          accepted.keySet().forEach(tp -> result.put(tp, Errors.INVALID_COMMIT_OFFSET_SIZE));
          return result;
        } catch (ApiException e) {
          Errors failure = Errors.forException(e);
          accepted.keySet().forEach(tp -> result.put(tp, failure));
          return result;
        } catch (RuntimeException e) {
          LOGGER.error("Storing offsets of group {} failed", group.groupId(), e);
          accepted.keySet().forEach(tp -> result.put(tp, Errors.COORDINATOR_NOT_AVAILABLE));
          return result;
        }
        group.offsets().putAll(accepted);
      }
      return result;
    }
  }

  /**
   * The committed offsets of a group.
   *
   * @param partitions the partitions asked for, or null for every partition with an offset
   * @return each partition's offset, or empty when none is committed
   */
  Map<TopicPartition, Optional<CommittedOffset>> fetch(
      String groupId, List<TopicPartition> partitions) {
    Map<TopicPartition, Optional<CommittedOffset>> result = new LinkedHashMap<>();
    Group group = groups.get(groupId);
    if (group == null) {
      if (partitions != null) {
        partitions.forEach(tp -> result.put(tp, Optional.empty()));
      }
      return result;
    }
    synchronized (group) {
      if (partitions == null) {
        group.offsets().forEach((tp, offset) -> result.put(tp, Optional.of(offset)));
      } else {
        partitions.forEach(tp -> result.put(tp, Optional.ofNullable(group.offsets().get(tp))));
      }
    }
    return result;
  }

  /**
   * Deletes committed offsets (Kafka's rules: any partition of an empty group; for a consumer group
   * with members only partitions of topics no member subscribes to).
   *
   * @throws GroupIdNotFoundException when the group does not exist
   * @throws GroupNotEmptyException when a non-consumer group has members
   */
  Map<TopicPartition, Errors> delete(String groupId, Collection<TopicPartition> partitions) {
    if (groupId.isEmpty()) {
      throw Errors.INVALID_GROUP_ID.exception("The group id must not be empty");
    }
    Group group = groups.get(groupId);
    if (group == null) {
      throw new GroupIdNotFoundException("Group " + groupId + " does not exist");
    }
    synchronized (group) {
      if (group.state() == GroupState.DEAD) {
        throw new GroupIdNotFoundException("Group " + groupId + " does not exist");
      }
      Optional<Set<String>> subscribed = Optional.of(Set.of());
      if (group.state() != GroupState.EMPTY) {
        if (!Group.CONSUMER_PROTOCOL_TYPE.equals(group.protocolType())) {
          throw new GroupNotEmptyException(
              "Group "
                  + groupId
                  + " has members (protocol type "
                  + group.protocolType()
                  + "); stop them before deleting its offsets");
        }
        subscribed = group.subscribedTopics();
      }
      Map<TopicPartition, Errors> result = new LinkedHashMap<>();
      List<TopicPartition> toDelete = new ArrayList<>();
      for (TopicPartition tp : partitions) {
        boolean inUse = subscribed.map(topics -> topics.contains(tp.topic())).orElse(true);
        if (inUse) {
          result.put(tp, Errors.GROUP_SUBSCRIBED_TO_TOPIC);
        } else {
          result.put(tp, Errors.NONE);
          if (group.offsets().containsKey(tp)) {
            toDelete.add(tp);
          }
        }
      }
      store.deleteOffsets(groupId, toDelete);
      toDelete.forEach(group.offsets()::remove);
      return result;
    }
  }

  private static Map<TopicPartition, Errors> allFailed(
      Collection<TopicPartition> partitions, Errors error) {
    Map<TopicPartition, Errors> result = new HashMap<>();
    partitions.forEach(tp -> result.put(tp, error));
    return result;
  }
}
