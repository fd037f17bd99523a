package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.group.CommittedOffset;
import io.tributary.broker.internal.group.GroupCoordinator;
import io.tributary.broker.internal.log.LogManager;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestPartition;
import org.apache.kafka.common.message.OffsetCommitRequestData.OffsetCommitRequestTopic;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponsePartition;
import org.apache.kafka.common.message.OffsetCommitResponseData.OffsetCommitResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.OffsetCommitRequest;
import org.apache.kafka.common.requests.OffsetCommitResponse;

/**
 * OffsetCommit v0-v9, for group members (generation checked) and for groups without members
 * (generation -1, e.g. consumer.assign() + commitSync). The response is sent after the offsets are
 * appended to {@code __consumer_offsets}. Partitions of unknown topics get
 * UNKNOWN_TOPIC_OR_PARTITION, as in Kafka. Offset retention (retentionTimeMs, v2-v4) is not
 * implemented: offsets are kept until deleted.
 */
public final class OffsetCommitHandler implements ApiHandler<OffsetCommitRequest> {
  private final GroupCoordinator coordinator;
  private final LogManager logs;

  public OffsetCommitHandler(GroupCoordinator coordinator, LogManager logs) {
    this.coordinator = requireNonNull(coordinator, "coordinator is null");
    this.logs = requireNonNull(logs, "logs is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.OFFSET_COMMIT, 0, 9);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, OffsetCommitRequest request) {
    OffsetCommitRequestData data = request.data();
    Map<TopicPartition, Errors> errors = new HashMap<>();
    Map<TopicPartition, CommittedOffset> toCommit = new LinkedHashMap<>();
    for (OffsetCommitRequestTopic topic : data.topics()) {
      for (OffsetCommitRequestPartition partition : topic.partitions()) {
        TopicPartition tp = new TopicPartition(topic.name(), partition.partitionIndex());
        if (logs.log(tp).isEmpty()) {
          errors.put(tp, Errors.UNKNOWN_TOPIC_OR_PARTITION);
        } else {
          String metadata =
              partition.committedMetadata() == null ? "" : partition.committedMetadata();
          toCommit.put(
              tp,
              new CommittedOffset(
                  partition.committedOffset(), partition.committedLeaderEpoch(), metadata, -1));
        }
      }
    }
    if (!toCommit.isEmpty()) {
      errors.putAll(
          coordinator.commitOffsets(
              data.groupId(),
              data.generationIdOrMemberEpoch(),
              data.memberId() == null ? "" : data.memberId(),
              data.groupInstanceId(),
              toCommit));
    }
    OffsetCommitResponseData response = new OffsetCommitResponseData();
    for (OffsetCommitRequestTopic topic : data.topics()) {
      OffsetCommitResponseTopic topicResponse =
          new OffsetCommitResponseTopic().setName(topic.name());
      for (OffsetCommitRequestPartition partition : topic.partitions()) {
        Errors error = errors.get(new TopicPartition(topic.name(), partition.partitionIndex()));
        topicResponse
            .partitions()
            .add(
                new OffsetCommitResponsePartition()
                    .setPartitionIndex(partition.partitionIndex())
                    .setErrorCode(error.code()));
      }
      response.topics().add(topicResponse);
    }
    return CompletableFuture.completedFuture(new OffsetCommitResponse(response));
  }
}
