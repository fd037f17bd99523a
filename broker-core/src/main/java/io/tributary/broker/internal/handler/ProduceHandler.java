package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.log.LogAppendResult;
import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.PartitionLog;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produce: appends each partition's batches to its log. With one replica, acks=1 and acks=all mean
 * the same: the append is complete (and flushed per the flush policy) before the response.
 */
public final class ProduceHandler implements ApiHandler<ProduceRequest> {
  private static final Logger LOGGER = LoggerFactory.getLogger(ProduceHandler.class);

  private final LogManager logs;

  public ProduceHandler(LogManager logs) {
    this.logs = requireNonNull(logs, "logs is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.PRODUCE, 3, 11);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, ProduceRequest request) {
    short acks = request.acks();
    boolean validAcks = acks == -1 || acks == 0 || acks == 1;
    ProduceResponseData response = new ProduceResponseData();
    for (TopicProduceData topic : request.data().topicData()) {
      TopicProduceResponse topicResponse = new TopicProduceResponse().setName(topic.name());
      for (PartitionProduceData partition : topic.partitionData()) {
        TopicPartition tp = new TopicPartition(topic.name(), partition.index());
        PartitionProduceResponse result =
            validAcks
                ? append(tp, (MemoryRecords) partition.records(), acks)
                : failed(tp.partition(), Errors.INVALID_REQUIRED_ACKS, "acks must be -1, 0 or 1");
        topicResponse.partitionResponses().add(result);
      }
      response.responses().add(topicResponse);
    }
    return CompletableFuture.completedFuture(new ProduceResponse(response));
  }

  private PartitionProduceResponse append(TopicPartition tp, MemoryRecords records, short acks) {
    if (Topic.isInternal(tp.topic())) {
      return failed(
          tp.partition(),
          Errors.INVALID_TOPIC_EXCEPTION,
          "Cannot append to internal topic " + tp.topic() + "; only the broker writes to it");
    }
    Optional<PartitionLog> log = logs.log(tp);
    if (log.isEmpty()) {
      return failed(
          tp.partition(),
          Errors.UNKNOWN_TOPIC_OR_PARTITION,
          "This server does not host this topic-partition.");
    }
    if (records == null) {
      return failed(tp.partition(), Errors.CORRUPT_MESSAGE, "The request holds no records");
    }
    int minInsync = log.get().config().minInsyncReplicas();
    if (acks == -1 && minInsync > 1) {
      return failed(
          tp.partition(),
          Errors.NOT_ENOUGH_REPLICAS,
          "min.insync.replicas is "
              + minInsync
              + " but this broker keeps one replica; lower min.insync.replicas to 1 or use acks=1");
    }
    try {
      LogAppendResult appended = log.get().append(records, log.get().config().timestampType());
      logs.notifyAppended(tp);
      return new PartitionProduceResponse()
          .setIndex(tp.partition())
          .setBaseOffset(appended.firstOffset())
          .setLogAppendTimeMs(appended.logAppendTimeMs())
          .setLogStartOffset(appended.logStartOffset());
    } catch (ApiException e) {
      LOGGER.debug("Rejected a produce to {}: {}", tp, e.getMessage());
      return failed(tp.partition(), Errors.forException(e), e.getMessage());
    }
  }

  private static PartitionProduceResponse failed(int partition, Errors error, String message) {
    return new PartitionProduceResponse()
        .setIndex(partition)
        .setErrorCode(error.code())
        .setErrorMessage(message)
        .setBaseOffset(-1)
        .setLogAppendTimeMs(-1)
        .setLogStartOffset(-1);
  }
}
