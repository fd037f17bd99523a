package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.log.LogManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestPartition;
import org.apache.kafka.common.message.OffsetDeleteRequestData.OffsetDeleteRequestTopic;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponsePartition;
import org.apache.kafka.common.message.OffsetDeleteResponseData.OffsetDeleteResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetDeleteRequest;
import org.apache.kafka.common.requests.OffsetDeleteResponse;

/**
 * OffsetDelete v0: deletes committed offsets of an empty group, or of topics no member of a
 * consumer group subscribes to (GROUP_SUBSCRIBED_TO_TOPIC otherwise).
 */
public final class OffsetDeleteHandler implements ApiHandler<OffsetDeleteRequest> {
  private final GroupCoordinator coordinator;
  private final LogManager logs;

  public OffsetDeleteHandler(GroupCoordinator coordinator, LogManager logs) {
    this.coordinator = requireNonNull(coordinator, "coordinator is null");
    this.logs = requireNonNull(logs, "logs is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.OFFSET_DELETE, 0, 0);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, OffsetDeleteRequest request) {
    OffsetDeleteRequestData data = request.data();
    Map<TopicPartition, Errors> errors = new HashMap<>();
    List<TopicPartition> toDelete = new ArrayList<>();
    for (OffsetDeleteRequestTopic topic : data.topics()) {
      for (OffsetDeleteRequestPartition partition : topic.partitions()) {
        TopicPartition tp = new TopicPartition(topic.name(), partition.partitionIndex());
        if (logs.log(tp).isEmpty()) {
          errors.put(tp, Errors.UNKNOWN_TOPIC_OR_PARTITION);
        } else {
          toDelete.add(tp);
        }
      }
    }
    // A group-level failure (unknown group, non-empty group) becomes the top-level error.
    errors.putAll(coordinator.deleteOffsets(data.groupId(), toDelete));
    OffsetDeleteResponseData response = new OffsetDeleteResponseData();
    for (OffsetDeleteRequestTopic topic : data.topics()) {
      OffsetDeleteResponseTopic topicResponse =
          new OffsetDeleteResponseTopic().setName(topic.name());
      for (OffsetDeleteRequestPartition partition : topic.partitions()) {
        Errors error = errors.get(new TopicPartition(topic.name(), partition.partitionIndex()));
        topicResponse
            .partitions()
            .add(
                new OffsetDeleteResponsePartition()
                    .setPartitionIndex(partition.partitionIndex())
                    .setErrorCode(error.code()));
      }
      response.topics().add(topicResponse);
    }
    return CompletableFuture.completedFuture(new OffsetDeleteResponse(response));
  }
}
