package io.tributary.broker.internal.group;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A group as DescribeGroups reports it. A group that does not exist is described as Dead with no
 * protocol type, as Kafka does.
 *
 * @param groupId the group
 * @param state the state's wire name (Empty, PreparingRebalance, CompletingRebalance, Stable, Dead)
 * @param protocolType the protocol type, "" when none
 * @param protocol the selected protocol when Stable, else ""
 * @param members the members (metadata and assignment only when Stable)
 */
public record GroupDescription(
    String groupId, String state, String protocolType, String protocol, List<Member> members) {
  public GroupDescription {
    requireNonNull(groupId, "groupId is null");
    requireNonNull(state, "state is null");
    requireNonNull(protocolType, "protocolType is null");
    requireNonNull(protocol, "protocol is null");
    members = List.copyOf(requireNonNull(members, "members is null"));
  }

  /** One member. */
  public record Member(
      String memberId,
      String groupInstanceId,
      String clientId,
      String clientHost,
      byte[] metadata,
      byte[] assignment) {
    public Member {
      requireNonNull(memberId, "memberId is null");
      requireNonNull(clientId, "clientId is null");
      requireNonNull(clientHost, "clientHost is null");
      requireNonNull(metadata, "metadata is null");
      requireNonNull(assignment, "assignment is null");
    }
  }
}
