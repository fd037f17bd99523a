package io.tributary.broker.internal.group;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.kafka.common.protocol.Errors;

/**
 * The answer to a JoinGroup.
 *
 * @param error NONE, or the error (MEMBER_ID_REQUIRED comes with the member id to rejoin with)
 * @param memberId the member's id
 * @param generationId the new generation, or -1 on error
 * @param protocolType the group's protocol type, or null on error
 * @param protocolName the selected protocol, or null on error
 * @param leaderId the leader's member id, or "" on error
 * @param skipAssignment the leader must not compute a new assignment (static leader rejoin)
 * @param members the members with their metadata for the selected protocol (leader only)
 */
public record JoinResult(
    Errors error,
    String memberId,
    int generationId,
    String protocolType,
    String protocolName,
    String leaderId,
    boolean skipAssignment,
    List<Member> members) {
  public JoinResult {
    requireNonNull(error, "error is null");
    requireNonNull(memberId, "memberId is null");
    requireNonNull(leaderId, "leaderId is null");
    members = List.copyOf(requireNonNull(members, "members is null"));
  }

  /**
   * A member as the leader sees it.
   *
   * @param memberId its id
   * @param groupInstanceId its static id or null
   * @param metadata its metadata for the selected protocol
   */
  public record Member(String memberId, String groupInstanceId, byte[] metadata) {
    public Member {
      requireNonNull(memberId, "memberId is null");
      requireNonNull(metadata, "metadata is null");
    }
  }

  static JoinResult error(Errors error, String memberId) {
    return new JoinResult(error, memberId, -1, null, null, "", false, List.of());
  }
}
