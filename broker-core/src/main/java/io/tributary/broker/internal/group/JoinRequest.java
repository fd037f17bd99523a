package io.tributary.broker.internal.group;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A JoinGroup request as the coordinator sees it (any protocol type: consumer, connect, ...).
 *
 * @param groupId the group
 * @param memberId the member id, or "" for a member joining for the first time
 * @param groupInstanceId the static member id (group.instance.id), or null for a dynamic member
 * @param clientId the client id from the request header
 * @param clientHost the client's address
 * @param sessionTimeoutMs how long without heartbeat before the member is removed
 * @param rebalanceTimeoutMs how long the coordinator waits for members to rejoin in a rebalance
 * @param protocolType the protocol type, e.g. "consumer"
 * @param protocols the protocols the member supports, most preferred first
 * @param requireKnownMemberId whether a new dynamic member must first get its id (KIP-394, v4+)
 * @param supportsSkipAssignment whether the client understands skipAssignment (v9+)
 */
public record JoinRequest(
    String groupId,
    String memberId,
    String groupInstanceId,
    String clientId,
    String clientHost,
    int sessionTimeoutMs,
    int rebalanceTimeoutMs,
    String protocolType,
    List<Protocol> protocols,
    boolean requireKnownMemberId,
    boolean supportsSkipAssignment) {
  public JoinRequest {
    requireNonNull(groupId, "groupId is null");
    requireNonNull(memberId, "memberId is null");
    requireNonNull(clientId, "clientId is null");
    requireNonNull(clientHost, "clientHost is null");
    requireNonNull(protocolType, "protocolType is null");
    protocols = List.copyOf(requireNonNull(protocols, "protocols is null"));
  }
}
