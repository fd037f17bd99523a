package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.group.GroupCoordinator;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorResponse;

/**
 * FindCoordinator v0-v4 (v4 batches keys): this broker coordinates every group. Transactions come
 * later, so TRANSACTION keys get INVALID_REQUEST, which makes clients fail at once.
 */
public final class FindCoordinatorHandler implements ApiHandler<FindCoordinatorRequest> {
  private static final byte GROUP = 0;
  private static final byte TRANSACTION = 1;

  private final Supplier<BrokerIdentity> identity;
  private final GroupCoordinator coordinator;

  public FindCoordinatorHandler(Supplier<BrokerIdentity> identity, GroupCoordinator coordinator) {
    this.identity = requireNonNull(identity, "identity is null");
    this.coordinator = requireNonNull(coordinator, "coordinator is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.FIND_COORDINATOR, 0, 4);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, FindCoordinatorRequest request) {
    FindCoordinatorRequestData data = request.data();
    FindCoordinatorResponseData response = new FindCoordinatorResponseData();
    if (context.apiVersion() >= 4) {
      for (String key : data.coordinatorKeys()) {
        response.coordinators().add(find(key, data.keyType()));
      }
    } else {
      Coordinator found = find(data.key(), data.keyType());
      response
          .setErrorCode(found.errorCode())
          .setErrorMessage(found.errorMessage())
          .setNodeId(found.nodeId())
          .setHost(found.host())
          .setPort(found.port());
    }
    return CompletableFuture.completedFuture(new FindCoordinatorResponse(response));
  }

  private Coordinator find(String key, byte keyType) {
    Coordinator coordinatorInfo = new Coordinator().setKey(key);
    if (keyType == GROUP) {
      coordinator.ensureStorage();
      BrokerIdentity self = identity.get();
      return coordinatorInfo.setNodeId(self.nodeId()).setHost(self.host()).setPort(self.port());
    }
    String message =
        keyType == TRANSACTION
            ? "Transactions are not supported by broker-core yet; use an idempotent producer"
                + " (enable.idempotence=true) without transactional.id"
            : "Unknown coordinator key type " + keyType + "; expected 0 (group) or 1 (transaction)";
    // Not COORDINATOR_NOT_AVAILABLE: clients retry that until max.block.ms; an unexpected error
    // fails initTransactions() at once with this message.
    Errors error = Errors.INVALID_REQUEST;
    return coordinatorInfo
        .setErrorCode(error.code())
        .setErrorMessage(message)
        .setNodeId(-1)
        .setHost("")
        .setPort(-1);
  }
}
