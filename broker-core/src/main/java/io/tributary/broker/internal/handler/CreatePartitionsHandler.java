package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.TopicInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsAssignment;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.CreatePartitionsRequest;
import org.apache.kafka.common.requests.CreatePartitionsResponse;

/**
 * CreatePartitions: grows a topic (partition counts only increase). Explicit assignments must name
 * exactly one replica, this broker, for each new partition.
 */
public final class CreatePartitionsHandler implements ApiHandler<CreatePartitionsRequest> {
  private final LogManager logs;
  private final IntSupplier nodeId;

  public CreatePartitionsHandler(LogManager logs, IntSupplier nodeId) {
    this.logs = requireNonNull(logs, "logs is null");
    this.nodeId = requireNonNull(nodeId, "nodeId is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.CREATE_PARTITIONS, 0, 3);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, CreatePartitionsRequest request) {
    CreatePartitionsResponseData response = new CreatePartitionsResponseData();
    Map<String, Integer> counts = new HashMap<>();
    request.data().topics().forEach(t -> counts.merge(t.name(), 1, Integer::sum));
    for (CreatePartitionsTopic topic : request.data().topics()) {
      CreatePartitionsTopicResult result = new CreatePartitionsTopicResult().setName(topic.name());
      if (counts.get(topic.name()) > 1) {
        result
            .setErrorCode(Errors.INVALID_REQUEST.code())
            .setErrorMessage("Duplicate topic " + topic.name() + " in request.");
      } else {
        try {
          grow(topic, request.data().validateOnly());
        } catch (ApiException e) {
          result.setErrorCode(Errors.forException(e).code()).setErrorMessage(e.getMessage());
        }
      }
      response.results().add(result);
    }
    return CompletableFuture.completedFuture(new CreatePartitionsResponse(response));
  }

  private void grow(CreatePartitionsTopic request, boolean validateOnly) {
    String name = request.name();
    TopicInfo topic =
        logs.topic(name)
            .orElseThrow(
                () -> new UnknownTopicOrPartitionException("Topic '" + name + "' does not exist."));
    int current = topic.partitions();
    int wanted = request.count();
    if (wanted < current) {
      throw new InvalidPartitionsException(
          "Topic "
              + name
              + " currently has "
              + current
              + " partitions, which is higher than the requested "
              + wanted
              + "; partitions can only be added.");
    }
    if (wanted == current) {
      throw new InvalidPartitionsException(
          "Topic " + name + " already has " + current + " partitions.");
    }
    checkAssignments(request.assignments(), wanted - current);
    if (!validateOnly) {
      logs.addPartitions(name, wanted);
    }
  }

  private void checkAssignments(List<CreatePartitionsAssignment> assignments, int added) {
    if (assignments == null) {
      return;
    }
    if (assignments.size() != added) {
      throw new InvalidReplicaAssignmentException(
          "Attempted to add "
              + added
              + " additional partitions, but "
              + assignments.size()
              + " assignments were supplied; give one per new partition.");
    }
    int node = nodeId.getAsInt();
    for (CreatePartitionsAssignment assignment : assignments) {
      List<Integer> brokers = assignment.brokerIds();
      if (brokers.size() != 1) {
        throw new InvalidReplicaAssignmentException(
            "Assignment "
                + brokers
                + " has "
                + brokers.size()
                + " replicas; this broker keeps exactly one replica per partition, give ["
                + node
                + "].");
      }
      if (brokers.get(0) != node) {
        throw new InvalidReplicaAssignmentException(
            "Unknown broker "
                + brokers.get(0)
                + " in assignment; the only broker is "
                + node
                + ".");
      }
    }
  }
}
