package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.TopicInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;

/** CreateTopics: with one broker, the replication factor must be 1 (or -1 for the default). */
public final class CreateTopicsHandler implements ApiHandler<CreateTopicsRequest> {
  private final LogManager logs;
  private final TopicDefaults defaults;

  public CreateTopicsHandler(LogManager logs, TopicDefaults defaults) {
    this.logs = requireNonNull(logs, "logs is null");
    this.defaults = requireNonNull(defaults, "defaults is null");
  }

  @Override
  public ApiKeys apiKey() {
    return ApiKeys.CREATE_TOPICS;
  }

  @Override
  public short lowestVersion() {
    return 2;
  }

  @Override
  public short highestVersion() {
    return 7;
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, CreateTopicsRequest request) {
    CreateTopicsResponseData response = new CreateTopicsResponseData();
    boolean validateOnly = request.data().validateOnly();
    for (CreatableTopic topic : request.data().topics()) {
      CreatableTopicResult result = new CreatableTopicResult().setName(topic.name());
      try {
        TopicInfo created = create(topic, validateOnly);
        result
            .setTopicId(created.id())
            .setNumPartitions(created.partitions())
            .setReplicationFactor((short) 1);
      } catch (ApiException e) {
        result.setErrorCode(Errors.forException(e).code()).setErrorMessage(e.getMessage());
      }
      response.topics().add(result);
    }
    return CompletableFuture.completedFuture(new CreateTopicsResponse(response));
  }

  private TopicInfo create(CreatableTopic topic, boolean validateOnly) {
    Topic.validate(topic.name());
    if (!topic.assignments().isEmpty()) {
      if (topic.numPartitions() != -1 || topic.replicationFactor() != -1) {
        throw new InvalidRequestException(
            "Both partition assignments and numPartitions/replicationFactor were given; give one");
      }
      topic
          .assignments()
          .forEach(
              a -> {
                if (a.brokerIds().size() != 1) {
                  throw new InvalidReplicationFactorException(
                      "Replication factor "
                          + a.brokerIds().size()
                          + " is larger than the 1 available broker");
                }
              });
    }
    short replication = topic.replicationFactor();
    if (replication != -1 && replication != 1) {
      throw new InvalidReplicationFactorException(
          "Replication factor: "
              + replication
              + " larger than available brokers: 1. Use replication factor 1 (or -1) with the"
              + " embedded broker.");
    }
    int partitions =
        !topic.assignments().isEmpty()
            ? topic.assignments().size()
            : topic.numPartitions() == -1 ? defaults.defaultPartitions() : topic.numPartitions();
    Map<String, String> configs = new HashMap<>();
    for (CreatableTopicConfig config : topic.configs()) {
      configs.put(config.name(), config.value());
    }
    if (logs.topic(topic.name()).isPresent()) {
      throw new TopicExistsException("Topic '" + topic.name() + "' already exists.");
    }
    if (validateOnly) {
      return logs.validateNewTopic(topic.name(), partitions, configs);
    }
    return logs.createTopic(topic.name(), partitions, configs);
  }
}
