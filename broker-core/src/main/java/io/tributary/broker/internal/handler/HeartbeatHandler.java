package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.group.GroupCoordinator;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.HeartbeatResponse;

/** Heartbeat v0-v4: keeps a member's session; tells it when a rebalance is in progress. */
public final class HeartbeatHandler implements ApiHandler<HeartbeatRequest> {
  private final GroupCoordinator coordinator;

  public HeartbeatHandler(GroupCoordinator coordinator) {
    this.coordinator = requireNonNull(coordinator, "coordinator is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.HEARTBEAT, 0, 4);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, HeartbeatRequest request) {
    HeartbeatRequestData data = request.data();
    Errors error =
        coordinator.heartbeat(
            data.groupId(), data.memberId(), data.groupInstanceId(), data.generationId());
    return CompletableFuture.completedFuture(
        new HeartbeatResponse(new HeartbeatResponseData().setErrorCode(error.code())));
  }
}
