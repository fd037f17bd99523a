package io.tributary.broker.internal.group;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A SyncGroup request.
 *
 * @param groupId the group
 * @param generationId the generation the member joined
 * @param memberId the member
 * @param groupInstanceId the static id or null
 * @param protocolType the protocol type the member expects, or null (before v5)
 * @param protocolName the protocol the member expects, or null (before v5)
 * @param assignments the leader's assignment by member id (empty from followers)
 */
public record SyncRequest(
    String groupId,
    int generationId,
    String memberId,
    String groupInstanceId,
    String protocolType,
    String protocolName,
    Map<String, byte[]> assignments) {
  public SyncRequest {
    requireNonNull(groupId, "groupId is null");
    requireNonNull(memberId, "memberId is null");
    assignments = Map.copyOf(requireNonNull(assignments, "assignments is null"));
  }
}
