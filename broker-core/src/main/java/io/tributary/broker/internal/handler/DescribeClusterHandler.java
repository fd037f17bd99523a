package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeClusterResponse;
import org.apache.kafka.common.utils.Utils;

/**
 * DescribeCluster: the cluster id, this broker as the only broker and as the controller. This is a
 * broker endpoint (v1 endpoint type BROKERS); asking it for controllers fails with
 * MISMATCHED_ENDPOINT_TYPE, as it does on Apache Kafka's broker listeners.
 *
 * <p>Without an authorizer every cluster operation is allowed, so the authorized operations (when
 * asked for) are all cluster operations, as Apache Kafka reports them without an authorizer.
 */
public final class DescribeClusterHandler implements ApiHandler<DescribeClusterRequest> {
  private static final byte ENDPOINT_BROKERS = 1;

  /** The operations Apache Kafka defines on the CLUSTER resource. */
  private static final EnumSet<AclOperation> CLUSTER_OPERATIONS =
      EnumSet.of(
          AclOperation.CREATE,
          AclOperation.CLUSTER_ACTION,
          AclOperation.DESCRIBE_CONFIGS,
          AclOperation.ALTER_CONFIGS,
          AclOperation.IDEMPOTENT_WRITE,
          AclOperation.ALTER,
          AclOperation.DESCRIBE);

  private final Supplier<BrokerIdentity> identity;

  public DescribeClusterHandler(Supplier<BrokerIdentity> identity) {
    this.identity = requireNonNull(identity, "identity is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.DESCRIBE_CLUSTER, 0, 1);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, DescribeClusterRequest request) {
    BrokerIdentity self = identity.get();
    DescribeClusterResponseData response =
        new DescribeClusterResponseData().setEndpointType(ENDPOINT_BROKERS);
    if (context.apiVersion() >= 1 && request.data().endpointType() != ENDPOINT_BROKERS) {
      return CompletableFuture.completedFuture(
          new DescribeClusterResponse(
              response
                  .setErrorCode(Errors.MISMATCHED_ENDPOINT_TYPE.code())
                  .setErrorMessage(
                      "This is a broker endpoint (endpoint type 1); it was asked for endpoint type "
                          + request.data().endpointType())));
    }
    response
        .setClusterId(self.clusterId())
        .setControllerId(self.nodeId())
        .brokers()
        .add(
            new DescribeClusterBroker()
                .setBrokerId(self.nodeId())
                .setHost(self.host())
                .setPort(self.port()));
    if (request.data().includeClusterAuthorizedOperations()) {
      response.setClusterAuthorizedOperations(Utils.to32BitField(codes()));
    }
    return CompletableFuture.completedFuture(new DescribeClusterResponse(response));
  }

  private static java.util.Set<Byte> codes() {
    java.util.Set<Byte> codes = new java.util.HashSet<>();
    for (AclOperation op : CLUSTER_OPERATIONS) {
      codes.add(op.code());
    }
    return codes;
  }
}
