package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.TopicInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.DeleteTopicsResponse;

/**
 * DeleteTopics: by name, and from v6 by topic id. The topic file is removed first (the commit
 * point), then the partition directories; a crash in between leaves directories that the next start
 * removes.
 *
 * <p>As in Apache Kafka, internal topics such as {@code __consumer_offsets} can be deleted through
 * this API (only Kafka's command-line tool refuses); a component that needs one recreates it.
 */
public final class DeleteTopicsHandler implements ApiHandler<DeleteTopicsRequest> {
  private final LogManager logs;
  private final boolean enabled;

  /**
   * @param enabled delete.topic.enable: when false every request fails (TOPIC_DELETION_DISABLED, or
   *     INVALID_REQUEST before v3, which has no such code)
   */
  public DeleteTopicsHandler(LogManager logs, boolean enabled) {
    this.logs = requireNonNull(logs, "logs is null");
    this.enabled = enabled;
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.DELETE_TOPICS, 0, 6);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, DeleteTopicsRequest request) {
    if (!enabled) {
      return CompletableFuture.completedFuture(disabled(context.apiVersion(), request));
    }
    DeleteTopicsResponseData response = new DeleteTopicsResponseData();
    Map<String, Integer> nameCounts = new HashMap<>();
    Map<Uuid, Integer> idCounts = new HashMap<>();
    for (DeleteTopicState topic : request.topics()) {
      if (topic.name() != null) {
        nameCounts.merge(topic.name(), 1, Integer::sum);
      } else {
        idCounts.merge(topic.topicId(), 1, Integer::sum);
      }
    }
    Map<String, Boolean> reported = new LinkedHashMap<>();
    for (DeleteTopicState topic : request.topics()) {
      String name = topic.name();
      Uuid id = topic.topicId() == null ? Uuid.ZERO_UUID : topic.topicId();
      DeletableTopicResult result = new DeletableTopicResult().setName(name).setTopicId(id);
      if (name != null && !Uuid.ZERO_UUID.equals(id)) {
        error(result, Errors.INVALID_REQUEST, "Give a topic name or a topic id, not both.");
      } else if (name == null && Uuid.ZERO_UUID.equals(id)) {
        error(result, Errors.INVALID_REQUEST, "Neither topic name nor id were given.");
      } else if (name != null && nameCounts.get(name) > 1) {
        if (reported.put("name:" + name, true) != null) {
          continue;
        }
        error(result, Errors.INVALID_REQUEST, "Duplicate topic name " + name + ".");
      } else if (name == null && idCounts.get(id) > 1) {
        if (reported.put("id:" + id, true) != null) {
          continue;
        }
        error(result, Errors.INVALID_REQUEST, "Duplicate topic id " + id + ".");
      } else {
        delete(result, name, id);
      }
      response.responses().add(result);
    }
    return CompletableFuture.completedFuture(new DeleteTopicsResponse(response));
  }

  private static DeleteTopicsResponse disabled(short version, DeleteTopicsRequest request) {
    // Before v3 there is no TOPIC_DELETION_DISABLED code; Kafka answers INVALID_REQUEST then.
    Errors error = version < 3 ? Errors.INVALID_REQUEST : Errors.TOPIC_DELETION_DISABLED;
    DeleteTopicsResponseData response = new DeleteTopicsResponseData();
    for (DeleteTopicState topic : request.topics()) {
      DeletableTopicResult result =
          new DeletableTopicResult()
              .setName(topic.name())
              .setTopicId(topic.topicId() == null ? Uuid.ZERO_UUID : topic.topicId());
      error(
          result,
          error,
          "Topic deletion is disabled on this broker (delete.topic.enable=false); set it to true"
              + " in the broker's config file to allow it.");
      response.responses().add(result);
    }
    return new DeleteTopicsResponse(response);
  }

  private void delete(DeletableTopicResult result, String name, Uuid id) {
    Optional<TopicInfo> topic = name != null ? logs.topic(name) : logs.topic(id);
    if (topic.isEmpty()) {
      if (name != null) {
        error(
            result,
            Errors.UNKNOWN_TOPIC_OR_PARTITION,
            "Topic '" + name + "' does not exist; nothing was deleted.");
      } else {
        error(result, Errors.UNKNOWN_TOPIC_ID, "No topic has id " + id + "; nothing was deleted.");
      }
      return;
    }
    result.setName(topic.get().name()).setTopicId(topic.get().id());
    try {
      if (name != null) {
        logs.deleteTopic(name);
      } else {
        logs.deleteTopic(id);
      }
    } catch (ApiException e) {
      error(result, Errors.forException(e), e.getMessage());
    }
  }

  private static void error(DeletableTopicResult result, Errors error, String message) {
    result.setErrorCode(error.code()).setErrorMessage(message);
  }
}
