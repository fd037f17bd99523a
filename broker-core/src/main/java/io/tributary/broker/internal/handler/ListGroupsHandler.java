package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.group.GroupListing;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData.ListedGroup;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ListGroupsRequest;
import org.apache.kafka.common.requests.ListGroupsResponse;

/** ListGroups v0-v5 (v4 filters by state, v5 by type; every group here is "classic"). */
public final class ListGroupsHandler implements ApiHandler<ListGroupsRequest> {
  private final GroupCoordinator coordinator;

  public ListGroupsHandler(GroupCoordinator coordinator) {
    this.coordinator = requireNonNull(coordinator, "coordinator is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.LIST_GROUPS, 0, 5);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, ListGroupsRequest request) {
    short version = context.apiVersion();
    ListGroupsRequestData data = request.data();
    List<String> states = version >= 4 ? data.statesFilter() : List.of();
    List<String> types = version >= 5 ? data.typesFilter() : List.of();
    ListGroupsResponseData response = new ListGroupsResponseData();
    for (GroupListing group : coordinator.list(states, types)) {
      ListedGroup listed =
          new ListedGroup().setGroupId(group.groupId()).setProtocolType(group.protocolType());
      if (version >= 4) {
        listed.setGroupState(group.state());
      }
      if (version >= 5) {
        listed.setGroupType(GroupCoordinator.CLASSIC_GROUP_TYPE);
      }
      response.groups().add(listed);
    }
    return CompletableFuture.completedFuture(new ListGroupsResponse(response));
  }
}
