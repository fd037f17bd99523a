package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.TopicInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeConfigsRequest;
import org.apache.kafka.common.requests.DescribeConfigsResponse;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;

/**
 * DescribeConfigs: topic configs (overrides, broker defaults, built-in defaults) and this broker's
 * configs. A BROKER resource named after this node describes its static configs; the empty name
 * describes the cluster-wide dynamic defaults, of which broker-core has none (as an Apache Kafka
 * cluster that never set any). BROKER_LOGGER is refused: logging is configured through logback.
 */
public final class DescribeConfigsHandler implements ApiHandler<DescribeConfigsRequest> {
  private final LogManager logs;
  private final ConfigDescriber describer;
  private final int nodeId;

  public DescribeConfigsHandler(LogManager logs, BrokerConfig brokerConfig) {
    this.logs = requireNonNull(logs, "logs is null");
    this.describer = new ConfigDescriber(brokerConfig);
    this.nodeId = brokerConfig.nodeId();
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.DESCRIBE_CONFIGS, 0, 4);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, DescribeConfigsRequest request) {
    short version = context.apiVersion();
    boolean synonyms = version >= 1 && request.data().includeSynonyms();
    boolean documentation = version >= 3 && request.data().includeDocumentation();
    DescribeConfigsResponseData response = new DescribeConfigsResponseData();
    for (DescribeConfigsResource resource : request.data().resources()) {
      DescribeConfigsResult result =
          new DescribeConfigsResult()
              .setResourceType(resource.resourceType())
              .setResourceName(resource.resourceName());
      try {
        List<ConfigDescriber.Entry> entries = describe(resource);
        for (ConfigDescriber.Entry entry : entries) {
          if (resource.configurationKeys() == null
              || resource.configurationKeys().contains(entry.name())) {
            result.configs().add(toWire(entry, version, synonyms, documentation));
          }
        }
      } catch (ApiException e) {
        result
            .setErrorCode(Errors.forException(e).code())
            .setErrorMessage(e.getMessage())
            .setConfigs(new ArrayList<>());
      }
      response.results().add(result);
    }
    return CompletableFuture.completedFuture(new DescribeConfigsResponse(response));
  }

  private List<ConfigDescriber.Entry> describe(DescribeConfigsResource resource) {
    ConfigResource.Type type = ConfigResource.Type.forId(resource.resourceType());
    String name = resource.resourceName();
    switch (type) {
      case TOPIC -> {
        Topic.validate(name);
        Optional<TopicInfo> topic = logs.topic(name);
        if (topic.isEmpty()) {
          throw Errors.UNKNOWN_TOPIC_OR_PARTITION.exception("Topic '" + name + "' does not exist.");
        }
        return describer.topic(topic.get());
      }
      case BROKER -> {
        if (name == null || name.isEmpty()) {
          return List.of();
        }
        checkBrokerId(name);
        return describer.broker();
      }
      case BROKER_LOGGER ->
          throw new InvalidRequestException(
              "broker-core does not expose its loggers through DescribeConfigs (BROKER_LOGGER);"
                  + " log levels are set in the broker's logback configuration");
      default ->
          throw new InvalidRequestException(
              "Unsupported resource type "
                  + type
                  + " (id "
                  + resource.resourceType()
                  + "); broker-core describes TOPIC and BROKER configs");
    }
  }

  private void checkBrokerId(String name) {
    int id;
    try {
      id = Integer.parseInt(name);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("Broker id must be an integer, but it is: " + name);
    }
    if (id != nodeId) {
      throw new InvalidRequestException(
          "Unexpected broker id, expected " + nodeId + " or empty string, but received " + name);
    }
  }

  private static DescribeConfigsResourceResult toWire(
      ConfigDescriber.Entry entry, short version, boolean synonyms, boolean documentation) {
    DescribeConfigsResourceResult result =
        new DescribeConfigsResourceResult()
            .setName(entry.name())
            .setValue(entry.value())
            .setReadOnly(entry.readOnly())
            .setIsSensitive(entry.sensitive());
    if (version == 0) {
      result.setIsDefault(entry.source() == ConfigSource.DEFAULT_CONFIG);
    } else {
      result.setConfigSource(entry.source().id());
    }
    if (synonyms) {
      for (ConfigDescriber.Synonym synonym : entry.synonyms()) {
        result
            .synonyms()
            .add(
                new DescribeConfigsSynonym()
                    .setName(synonym.name())
                    .setValue(synonym.value())
                    .setSource(synonym.source().id()));
      }
    }
    if (version >= 3) {
      result.setConfigType(entry.type().id());
      result.setDocumentation(documentation ? entry.documentation() : null);
    }
    return result;
  }
}
