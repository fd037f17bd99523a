package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.TopicInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;

/**
 * CreateTopics: with one broker, the replication factor must be 1 (or -1 for the default). Invalid
 * topic configs fail with INVALID_CONFIG naming the key, the value and the reason. From v5 the
 * response carries the new topic's configs (as DescribeConfigs reports them), also for
 * validateOnly.
 */
public final class CreateTopicsHandler implements ApiHandler<CreateTopicsRequest> {
  private final LogManager logs;
  private final TopicDefaults defaults;
  private final ConfigDescriber describer;
  private final int nodeId;

  public CreateTopicsHandler(LogManager logs, TopicDefaults defaults, BrokerConfig brokerConfig) {
    this.logs = requireNonNull(logs, "logs is null");
    this.defaults = requireNonNull(defaults, "defaults is null");
    this.describer = new ConfigDescriber(requireNonNull(brokerConfig, "brokerConfig is null"));
    this.nodeId = brokerConfig.nodeId();
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.CREATE_TOPICS, 2, 7);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, CreateTopicsRequest request) {
    CreateTopicsResponseData response = new CreateTopicsResponseData();
    boolean validateOnly = request.data().validateOnly();
    Map<String, Integer> counts = new HashMap<>();
    request.data().topics().forEach(t -> counts.merge(t.name(), 1, Integer::sum));
    for (CreatableTopic topic : request.data().topics()) {
      CreatableTopicResult result = new CreatableTopicResult().setName(topic.name());
      if (counts.get(topic.name()) > 1) {
        result
            .setErrorCode(Errors.INVALID_REQUEST.code())
            .setErrorMessage("Duplicate topic name " + topic.name() + " in request.");
        response.topics().add(result);
        continue;
      }
      try {
        TopicInfo created = create(topic, validateOnly);
        result
            .setTopicId(created.id())
            .setNumPartitions(created.partitions())
            .setReplicationFactor((short) 1);
        if (context.apiVersion() >= 5) {
          result.setConfigs(configs(created));
        }
      } catch (ConfigException e) {
        result.setErrorCode(Errors.INVALID_CONFIG.code()).setErrorMessage(e.getMessage());
      } catch (ApiException e) {
        result.setErrorCode(Errors.forException(e).code()).setErrorMessage(e.getMessage());
      }
      response.topics().add(result);
    }
    return CompletableFuture.completedFuture(new CreateTopicsResponse(response));
  }

  private List<CreatableTopicConfigs> configs(TopicInfo topic) {
    List<CreatableTopicConfigs> configs = new ArrayList<>();
    for (ConfigDescriber.Entry entry : describer.topic(topic)) {
      configs.add(
          new CreatableTopicConfigs()
              .setName(entry.name())
              .setValue(entry.value())
              .setReadOnly(entry.readOnly())
              .setConfigSource(entry.source().id())
              .setIsSensitive(entry.sensitive()));
    }
    return configs;
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
                if (a.brokerIds().get(0) != nodeId) {
                  throw new InvalidReplicaAssignmentException(
                      "Unknown broker "
                          + a.brokerIds().get(0)
                          + " in the assignment of partition "
                          + a.partitionIndex()
                          + "; the only broker is "
                          + nodeId);
                }
              });
    }
    short replication = topic.replicationFactor();
    if (replication == 0 || replication < -1) {
      throw new InvalidReplicationFactorException(
          "Replication factor must be larger than 0, or -1 to use the default value; was "
              + replication);
    }
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
      if (config.value() == null) {
        throw new InvalidConfigurationException(
            "Null value not supported for topic config "
                + config.name()
                + "; leave it out to use the broker default");
      }
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
