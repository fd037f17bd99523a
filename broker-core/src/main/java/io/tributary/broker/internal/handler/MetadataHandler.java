package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.TopicInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;

/** Metadata: this single node leads every partition; unknown topics may be auto-created. */
public final class MetadataHandler implements ApiHandler<MetadataRequest> {
  private final Supplier<BrokerIdentity> identity;
  private final LogManager logs;
  private final TopicDefaults defaults;

  public MetadataHandler(
      Supplier<BrokerIdentity> identity, LogManager logs, TopicDefaults defaults) {
    this.identity = requireNonNull(identity, "identity is null");
    this.logs = requireNonNull(logs, "logs is null");
    this.defaults = requireNonNull(defaults, "defaults is null");
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.METADATA, 0, 12);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, MetadataRequest request) {
    short version = context.apiVersion();
    MetadataRequestData data = request.data();
    BrokerIdentity identity = this.identity.get();
    MetadataResponseData response =
        new MetadataResponseData()
            .setClusterId(identity.clusterId())
            .setControllerId(identity.nodeId());
    response
        .brokers()
        .add(
            new MetadataResponseBroker()
                .setNodeId(identity.nodeId())
                .setHost(identity.host())
                .setPort(identity.port()));
    List<MetadataResponseTopic> topics = new ArrayList<>();
    boolean allTopics = data.topics() == null || (version == 0 && data.topics().isEmpty());
    if (allTopics) {
      for (TopicInfo topic : logs.topics()) {
        topics.add(describe(topic));
      }
    } else {
      boolean autoCreate = defaults.autoCreate() && (version < 4 || data.allowAutoTopicCreation());
      for (MetadataRequestData.MetadataRequestTopic requested : data.topics()) {
        topics.add(lookup(requested, autoCreate));
      }
    }
    response.topics().addAll(topics);
    return CompletableFuture.completedFuture(new MetadataResponse(response, version));
  }

  private MetadataResponseTopic lookup(
      MetadataRequestData.MetadataRequestTopic requested, boolean autoCreate) {
    if (requested.name() == null) {
      Uuid id = requested.topicId();
      return logs.topic(id)
          .map(this::describe)
          .orElseGet(
              () ->
                  new MetadataResponseTopic()
                      .setTopicId(id)
                      .setErrorCode(Errors.UNKNOWN_TOPIC_ID.code()));
    }
    String name = requested.name();
    Optional<TopicInfo> topic = logs.topic(name);
    if (topic.isPresent()) {
      return describe(topic.get());
    }
    try {
      Topic.validate(name);
    } catch (InvalidTopicException e) {
      return error(name, Errors.INVALID_TOPIC_EXCEPTION);
    }
    if (!autoCreate || Topic.isInternal(name)) {
      return error(name, Errors.UNKNOWN_TOPIC_OR_PARTITION);
    }
    try {
      return describe(logs.createTopic(name, defaults.defaultPartitions(), Map.of()));
    } catch (TopicExistsException e) {
      return logs.topic(name).map(this::describe).orElse(error(name, Errors.LEADER_NOT_AVAILABLE));
    } catch (InvalidTopicException e) {
      return error(name, Errors.INVALID_TOPIC_EXCEPTION);
    }
  }

  private static MetadataResponseTopic error(String name, Errors error) {
    return new MetadataResponseTopic().setName(name).setErrorCode(error.code());
  }

  private MetadataResponseTopic describe(TopicInfo topic) {
    MetadataResponseTopic described =
        new MetadataResponseTopic()
            .setName(topic.name())
            .setTopicId(topic.id())
            .setIsInternal(Topic.isInternal(topic.name()));
    int nodeId = identity.get().nodeId();
    List<Integer> replicas = List.of(nodeId);
    for (int p = 0; p < topic.partitions(); p++) {
      described
          .partitions()
          .add(
              new MetadataResponsePartition()
                  .setPartitionIndex(p)
                  .setLeaderId(nodeId)
                  .setLeaderEpoch(0)
                  .setReplicaNodes(replicas)
                  .setIsrNodes(replicas)
                  .setOfflineReplicas(List.of()));
    }
    return described;
  }
}
