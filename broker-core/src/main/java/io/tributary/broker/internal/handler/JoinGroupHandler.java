package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.group.JoinRequest;
import io.tributary.broker.internal.group.JoinResult;
import io.tributary.broker.internal.group.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData.JoinGroupRequestProtocol;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData.JoinGroupResponseMember;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.apache.kafka.common.requests.JoinGroupResponse;

/**
 * JoinGroup v0-v9: v4+ makes new dynamic members fetch their id first (MEMBER_ID_REQUIRED), v5+
 * carries group.instance.id (static membership), v9 lets a rejoining static leader skip the
 * assignment. The response is held until the rebalance completes.
 */
public final class JoinGroupHandler implements ApiHandler<JoinGroupRequest> {
  private final GroupCoordinator coordinator;

  public JoinGroupHandler(GroupCoordinator coordinator) {
    this.coordinator = requireNonNull(coordinator, "coordinator is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.JOIN_GROUP, 0, 9);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, JoinGroupRequest request) {
    short version = context.apiVersion();
    JoinGroupRequestData data = request.data();
    List<Protocol> protocols = new ArrayList<>();
    for (JoinGroupRequestProtocol protocol : data.protocols()) {
      protocols.add(
          new Protocol(
              protocol.name(), protocol.metadata() == null ? new byte[0] : protocol.metadata()));
    }
    int rebalanceTimeoutMs =
        version == 0 || data.rebalanceTimeoutMs() < 0
            ? data.sessionTimeoutMs()
            : data.rebalanceTimeoutMs();
    JoinRequest join =
        new JoinRequest(
            data.groupId(),
            data.memberId() == null ? "" : data.memberId(),
            data.groupInstanceId(),
            context.clientId(),
            GroupRequests.clientHost(context),
            data.sessionTimeoutMs(),
            rebalanceTimeoutMs,
            data.protocolType() == null ? "" : data.protocolType(),
            protocols,
            JoinGroupRequest.requiresKnownMemberId(version),
            JoinGroupRequest.supportsSkippingAssignment(version));
    return coordinator.join(join).thenApply(result -> response(result, version));
  }

  private static AbstractResponse response(JoinResult result, short version) {
    JoinGroupResponseData data =
        new JoinGroupResponseData()
            .setErrorCode(result.error().code())
            .setGenerationId(result.generationId())
            .setLeader(result.leaderId())
            .setMemberId(result.memberId());
    if (version >= 7) {
      data.setProtocolType(result.protocolType()).setProtocolName(result.protocolName());
    } else {
      data.setProtocolName(result.protocolName() == null ? "" : result.protocolName());
    }
    if (version >= 9) {
      data.setSkipAssignment(result.skipAssignment());
    }
    // Before v9 a leader cannot skip the assignment; it gets no member list then (as in Kafka).
    boolean sendMembers = version >= 9 || !result.skipAssignment();
    if (sendMembers) {
      for (JoinResult.Member member : result.members()) {
        data.members()
            .add(
                new JoinGroupResponseMember()
                    .setMemberId(member.memberId())
                    .setGroupInstanceId(version >= 5 ? member.groupInstanceId() : null)
                    .setMetadata(member.metadata()));
      }
    }
    return new JoinGroupResponse(data, version);
  }
}
