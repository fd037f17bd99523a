package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.group.SyncRequest;
import io.tributary.broker.internal.group.SyncResult;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData.SyncGroupRequestAssignment;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.SyncGroupRequest;
import org.apache.kafka.common.requests.SyncGroupResponse;

/**
 * SyncGroup v0-v5: the leader brings the assignment, every member gets its part; v5 checks the
 * protocol type and name the member expects.
 */
public final class SyncGroupHandler implements ApiHandler<SyncGroupRequest> {
  private final GroupCoordinator coordinator;

  public SyncGroupHandler(GroupCoordinator coordinator) {
    this.coordinator = requireNonNull(coordinator, "coordinator is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.SYNC_GROUP, 0, 5);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, SyncGroupRequest request) {
    short version = context.apiVersion();
    SyncGroupRequestData data = request.data();
    Map<String, byte[]> assignments = new HashMap<>();
    for (SyncGroupRequestAssignment assignment : data.assignments()) {
      assignments.put(
          assignment.memberId(),
          assignment.assignment() == null ? new byte[0] : assignment.assignment());
    }
    SyncRequest sync =
        new SyncRequest(
            data.groupId(),
            data.generationId(),
            data.memberId(),
            data.groupInstanceId(),
            version >= 5 ? data.protocolType() : null,
            version >= 5 ? data.protocolName() : null,
            assignments);
    return coordinator.sync(sync).thenApply(result -> response(result, version));
  }

  private static AbstractResponse response(SyncResult result, short version) {
    SyncGroupResponseData data =
        new SyncGroupResponseData()
            .setErrorCode(result.error().code())
            .setAssignment(result.assignment());
    if (version >= 5) {
      data.setProtocolType(result.protocolType()).setProtocolName(result.protocolName());
    }
    return new SyncGroupResponse(data);
  }
}
