package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.PartitionLog;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.FileRecords.TimestampAndOffset;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;

/** ListOffsets: earliest, latest, max timestamp, and the first offset at or after a timestamp. */
public final class ListOffsetsHandler implements ApiHandler<ListOffsetsRequest> {
  private final LogManager logs;

  public ListOffsetsHandler(LogManager logs) {
    this.logs = requireNonNull(logs, "logs is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.LIST_OFFSETS, 1, 7);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, ListOffsetsRequest request) {
    ListOffsetsResponseData response = new ListOffsetsResponseData();
    for (ListOffsetsTopic topic : request.data().topics()) {
      ListOffsetsTopicResponse topicResponse = new ListOffsetsTopicResponse().setName(topic.name());
      for (ListOffsetsPartition partition : topic.partitions()) {
        topicResponse
            .partitions()
            .add(
                lookup(
                    new TopicPartition(topic.name(), partition.partitionIndex()),
                    partition.timestamp()));
      }
      response.topics().add(topicResponse);
    }
    return CompletableFuture.completedFuture(new ListOffsetsResponse(response));
  }

  private ListOffsetsPartitionResponse lookup(TopicPartition tp, long timestamp) {
    ListOffsetsPartitionResponse result =
        new ListOffsetsPartitionResponse()
            .setPartitionIndex(tp.partition())
            .setTimestamp(ListOffsetsResponse.UNKNOWN_TIMESTAMP)
            .setOffset(ListOffsetsResponse.UNKNOWN_OFFSET);
    Optional<PartitionLog> found = logs.log(tp);
    if (found.isEmpty()) {
      return result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    }
    PartitionLog log = found.get();
    if (timestamp == ListOffsetsRequest.EARLIEST_TIMESTAMP) {
      return result.setOffset(log.logStartOffset());
    }
    if (timestamp == ListOffsetsRequest.LATEST_TIMESTAMP) {
      return result.setOffset(log.highWatermark());
    }
    if (timestamp == ListOffsetsRequest.MAX_TIMESTAMP) {
      return log.maxTimestampAndOffset()
          .map(t -> result.setTimestamp(t.timestamp).setOffset(t.offset).setLeaderEpoch(0))
          .orElse(result);
    }
    if (timestamp < 0) {
      return result.setErrorCode(Errors.INVALID_REQUEST.code());
    }
    Optional<TimestampAndOffset> atOrAfter = log.offsetForTimestamp(timestamp);
    return atOrAfter
        .map(
            t ->
                result
                    .setTimestamp(t.timestamp)
                    .setOffset(t.offset)
                    .setLeaderEpoch(t.leaderEpoch.orElse(RecordBatch.NO_PARTITION_LEADER_EPOCH)))
        .orElse(result);
  }
}
