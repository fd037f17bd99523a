package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.group.GroupDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData.DescribedGroupMember;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeGroupsRequest;
import org.apache.kafka.common.requests.DescribeGroupsResponse;

/**
 * DescribeGroups v0-v5. An unknown group is described as Dead without error, as Kafka does. There
 * is no authorizer, so authorized operations are never included.
 */
public final class DescribeGroupsHandler implements ApiHandler<DescribeGroupsRequest> {
  private final GroupCoordinator coordinator;

  public DescribeGroupsHandler(GroupCoordinator coordinator) {
    this.coordinator = requireNonNull(coordinator, "coordinator is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.DESCRIBE_GROUPS, 0, 5);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, DescribeGroupsRequest request) {
    short version = context.apiVersion();
    DescribeGroupsResponseData response = new DescribeGroupsResponseData();
    for (String groupId : request.data().groups()) {
      if (groupId == null || groupId.isEmpty()) {
        response.groups().add(DescribeGroupsResponse.groupError("", Errors.INVALID_GROUP_ID));
        continue;
      }
      GroupDescription group = coordinator.describe(groupId);
      List<DescribedGroupMember> members = new ArrayList<>();
      for (GroupDescription.Member member : group.members()) {
        members.add(
            new DescribedGroupMember()
                .setMemberId(member.memberId())
                .setGroupInstanceId(version >= 4 ? member.groupInstanceId() : null)
                .setClientId(member.clientId())
                .setClientHost(member.clientHost())
                .setMemberMetadata(member.metadata())
                .setMemberAssignment(member.assignment()));
      }
      response
          .groups()
          .add(
              DescribeGroupsResponse.groupMetadata(
                  groupId,
                  Errors.NONE,
                  group.state(),
                  group.protocolType(),
                  group.protocol(),
                  members,
                  Integer.MIN_VALUE));
    }
    return CompletableFuture.completedFuture(new DescribeGroupsResponse(response));
  }
}
