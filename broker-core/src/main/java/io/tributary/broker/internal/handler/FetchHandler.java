package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.LogReadResult;
import io.tributary.broker.internal.log.PartitionLog;
import io.tributary.broker.internal.log.TopicInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchRequestData.FetchPartition;
import org.apache.kafka.common.message.FetchRequestData.FetchTopic;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;

/**
 * Fetch: reads each partition from its log, within the request's and each partition's byte limits,
 * waiting up to max.wait.ms for min.bytes. Fetch sessions are not kept: every response carries
 * session id 0, which tells clients to send full fetch requests (as Apache Kafka does when its
 * session cache is full).
 */
public final class FetchHandler implements ApiHandler<FetchRequest> {
  private final LogManager logs;
  private final DelayedFetches delayed;

  public FetchHandler(LogManager logs, DelayedFetches delayed) {
    this.logs = requireNonNull(logs, "logs is null");
    this.delayed = requireNonNull(delayed, "delayed is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.FETCH, 4, 16);
  }

  /**
   * A fetch that reads only the tail of each log (from the active segment on: data written lately,
   * served from the page cache) takes no lock and does no I/O that may block, so it runs on the
   * network thread; so does one for unknown topics (an error per partition). A fetch that must wait
   * registers with {@link DelayedFetches} and returns at once either way. A fetch from older
   * segments (a consumer catching up, whose reads may go to disk) goes to the request threads.
   */
  @Override
  public boolean nonBlocking(FetchRequest request) {
    FetchRequestData data = request.data();
    boolean byId = request.version() >= 13;
    for (FetchTopic topic : data.topics()) {
      Optional<TopicInfo> info = byId ? logs.topic(topic.topicId()) : logs.topic(topic.topic());
      if (info.isEmpty()) {
        continue;
      }
      for (FetchPartition partition : topic.partitions()) {
        Optional<PartitionLog> log =
            logs.log(new TopicPartition(info.get().name(), partition.partition()));
        if (log.isPresent() && !log.get().inActiveSegment(partition.fetchOffset())) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(RequestContext context, FetchRequest request) {
    FetchRequestData data = request.data();
    short version = context.apiVersion();
    List<TopicPartition> partitions = new ArrayList<>();
    for (FetchTopic topic : data.topics()) {
      String name =
          version >= 13
              ? logs.topic(topic.topicId()).map(TopicInfo::name).orElse(null)
              : topic.topic();
      if (name != null) {
        for (FetchPartition partition : topic.partitions()) {
          partitions.add(new TopicPartition(name, partition.partition()));
        }
      }
    }
    FetchResponseData first = read(data, version);
    long bytes = responseBytes(first);
    if (data.maxWaitMs() <= 0
        || bytes >= data.minBytes()
        || hasErrors(first)
        || partitions.isEmpty()) {
      return CompletableFuture.completedFuture(new FetchResponse(first));
    }
    CompletableFuture<AbstractResponse> result = new CompletableFuture<>();
    delayed.await(
        context.connection().id(),
        partitions,
        data.maxWaitMs(),
        timedOut -> {
          FetchResponseData again = read(data, version);
          if (timedOut || responseBytes(again) >= data.minBytes() || hasErrors(again)) {
            result.complete(new FetchResponse(again));
            return true;
          }
          return false;
        });
    return result;
  }

  private FetchResponseData read(FetchRequestData data, short version) {
    FetchResponseData response = new FetchResponseData().setSessionId(0);
    int remaining = data.maxBytes() <= 0 ? Integer.MAX_VALUE : data.maxBytes();
    boolean firstWithData = true;
    for (FetchTopic topic : data.topics()) {
      Uuid topicId = topic.topicId();
      Optional<TopicInfo> info = version >= 13 ? logs.topic(topicId) : logs.topic(topic.topic());
      FetchableTopicResponse topicResponse =
          new FetchableTopicResponse().setTopic(topic.topic()).setTopicId(topicId);
      for (FetchPartition partition : topic.partitions()) {
        PartitionData partitionData = new PartitionData().setPartitionIndex(partition.partition());
        if (info.isEmpty()) {
          partitionData.setErrorCode(
              (version >= 13 ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION).code());
          partitionData.setRecords(MemoryRecords.EMPTY);
          topicResponse.partitions().add(unknownOffsets(partitionData));
          continue;
        }
        TopicPartition tp = new TopicPartition(info.get().name(), partition.partition());
        Optional<PartitionLog> log = logs.log(tp);
        if (log.isEmpty()) {
          partitionData.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
          partitionData.setRecords(MemoryRecords.EMPTY);
          topicResponse.partitions().add(unknownOffsets(partitionData));
          continue;
        }
        try {
          int limit = Math.min(remaining, Math.max(partition.partitionMaxBytes(), 0));
          LogReadResult read = log.get().read(partition.fetchOffset(), limit, firstWithData);
          int size = read.records().sizeInBytes();
          if (size > 0) {
            firstWithData = false;
            remaining = Math.max(0, remaining - size);
          }
          partitionData
              .setHighWatermark(read.highWatermark())
              .setLastStableOffset(read.highWatermark())
              .setLogStartOffset(read.logStartOffset())
              .setAbortedTransactions(version >= 4 ? new ArrayList<>() : null)
              .setRecords(read.records());
        } catch (ApiException e) {
          partitionData
              .setErrorCode(Errors.forException(e).code())
              .setHighWatermark(log.get().highWatermark())
              .setLastStableOffset(log.get().highWatermark())
              .setLogStartOffset(log.get().logStartOffset())
              .setRecords(MemoryRecords.EMPTY);
        }
        topicResponse.partitions().add(partitionData);
      }
      response.responses().add(topicResponse);
    }
    return response;
  }

  private static PartitionData unknownOffsets(PartitionData data) {
    return data.setHighWatermark(-1).setLastStableOffset(-1).setLogStartOffset(-1);
  }

  private static long responseBytes(FetchResponseData response) {
    long total = 0;
    for (FetchableTopicResponse topic : response.responses()) {
      for (PartitionData partition : topic.partitions()) {
        if (partition.records() != null) {
          total += partition.records().sizeInBytes();
        }
      }
    }
    return total;
  }

  private static boolean hasErrors(FetchResponseData response) {
    for (FetchableTopicResponse topic : response.responses()) {
      for (PartitionData partition : topic.partitions()) {
        if (partition.errorCode() != Errors.NONE.code()) {
          return true;
        }
      }
    }
    return false;
  }
}
