package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.PartitionLog;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DeleteRecordsRequest;
import org.apache.kafka.common.requests.DeleteRecordsResponse;

/**
 * DeleteRecords (versions 0 to 2, the last flexible): moves each partition's log start offset (low
 * watermark) up to the requested offset; -1 means the high watermark. The new start is checkpointed
 * before the response, so it survives a restart; records below it can no longer be fetched.
 */
public final class DeleteRecordsHandler implements ApiHandler<DeleteRecordsRequest> {
  private final LogManager logs;

  public DeleteRecordsHandler(LogManager logs) {
    this.logs = requireNonNull(logs, "logs is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.DELETE_RECORDS, 0, 2);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, DeleteRecordsRequest request) {
    DeleteRecordsResponseData response = new DeleteRecordsResponseData();
    for (DeleteRecordsTopic topic : request.data().topics()) {
      DeleteRecordsTopicResult topicResult = new DeleteRecordsTopicResult().setName(topic.name());
      for (DeleteRecordsPartition partition : topic.partitions()) {
        topicResult
            .partitions()
            .add(
                delete(
                    new TopicPartition(topic.name(), partition.partitionIndex()),
                    partition.offset()));
      }
      response.topics().add(topicResult);
    }
    return CompletableFuture.completedFuture(new DeleteRecordsResponse(response));
  }

  private DeleteRecordsPartitionResult delete(TopicPartition tp, long offset) {
    DeleteRecordsPartitionResult result =
        new DeleteRecordsPartitionResult()
            .setPartitionIndex(tp.partition())
            .setLowWatermark(DeleteRecordsResponse.INVALID_LOW_WATERMARK);
    Optional<PartitionLog> log = logs.log(tp);
    if (log.isEmpty()) {
      return result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    }
    try {
      return result.setLowWatermark(log.get().deleteRecordsBefore(offset));
    } catch (ApiException e) {
      return result.setErrorCode(Errors.forException(e).code());
    }
  }
}
