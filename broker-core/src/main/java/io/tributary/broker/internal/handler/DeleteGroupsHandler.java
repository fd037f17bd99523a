package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.group.GroupCoordinator;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DeleteGroupsRequest;
import org.apache.kafka.common.requests.DeleteGroupsResponse;

/** DeleteGroups v0-v2: deletes empty groups and their offsets (NON_EMPTY_GROUP otherwise). */
public final class DeleteGroupsHandler implements ApiHandler<DeleteGroupsRequest> {
  private final GroupCoordinator coordinator;

  public DeleteGroupsHandler(GroupCoordinator coordinator) {
    this.coordinator = requireNonNull(coordinator, "coordinator is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.DELETE_GROUPS, 0, 2);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, DeleteGroupsRequest request) {
    DeleteGroupsResponseData response = new DeleteGroupsResponseData();
    coordinator
        .deleteGroups(request.data().groupsNames())
        .forEach(
            (groupId, error) ->
                response
                    .results()
                    .add(
                        new DeletableGroupResult().setGroupId(groupId).setErrorCode(error.code())));
    return CompletableFuture.completedFuture(new DeleteGroupsResponse(response));
  }
}
