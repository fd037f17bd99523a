package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.group.GroupCoordinator;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.LeaveGroupRequestData.MemberIdentity;
import org.apache.kafka.common.message.LeaveGroupResponseData.MemberResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.LeaveGroupRequest;
import org.apache.kafka.common.requests.LeaveGroupResponse;

/** LeaveGroup v0-v5 (v3+ removes several members, static ones by group.instance.id). */
public final class LeaveGroupHandler implements ApiHandler<LeaveGroupRequest> {
  private final GroupCoordinator coordinator;

  public LeaveGroupHandler(GroupCoordinator coordinator) {
    this.coordinator = requireNonNull(coordinator, "coordinator is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.LEAVE_GROUP, 0, 5);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, LeaveGroupRequest request) {
    List<MemberIdentity> members = request.members();
    List<Map.Entry<String, String>> leaving = new ArrayList<>();
    for (MemberIdentity member : members) {
      leaving.add(
          new SimpleImmutableEntry<>(
              member.memberId() == null ? "" : member.memberId(), member.groupInstanceId()));
    }
    List<Errors> errors = coordinator.leave(request.data().groupId(), leaving);
    List<MemberResponse> responses = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      responses.add(
          new MemberResponse()
              .setMemberId(members.get(i).memberId())
              .setGroupInstanceId(members.get(i).groupInstanceId())
              .setErrorCode(errors.get(i).code()));
    }
    return CompletableFuture.completedFuture(
        new LeaveGroupResponse(responses, Errors.NONE, 0, context.apiVersion()));
  }
}
