package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.log.LogManager;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.AlterConfigsRequest;
import org.apache.kafka.common.requests.AlterConfigsResponse;

/**
 * AlterConfigs (the legacy API): the given configs replace all of a topic's overrides; configs not
 * given fall back to the broker defaults. Everything is validated before anything changes.
 */
public final class AlterConfigsHandler implements ApiHandler<AlterConfigsRequest> {
  private final TopicConfigAlterer alterer;

  public AlterConfigsHandler(LogManager logs) {
    this.alterer = new TopicConfigAlterer(requireNonNull(logs, "logs is null"));
  }

  @Override
  public ApiKeys apiKey() {
    return ApiKeys.ALTER_CONFIGS;
  }

  @Override
  public short lowestVersion() {
    return 0;
  }

  @Override
  public short highestVersion() {
    return 2;
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, AlterConfigsRequest request) {
    AlterConfigsResponseData response = new AlterConfigsResponseData();
    Set<String> seen = new HashSet<>();
    Set<String> duplicates = new HashSet<>();
    for (AlterConfigsResource resource : request.data().resources()) {
      String key = resource.resourceType() + "/" + resource.resourceName();
      if (!seen.add(key)) {
        duplicates.add(key);
      }
    }
    for (AlterConfigsResource resource : request.data().resources()) {
      TopicConfigAlterer.Outcome outcome;
      if (duplicates.contains(resource.resourceType() + "/" + resource.resourceName())) {
        outcome =
            new TopicConfigAlterer.Outcome(
                Errors.INVALID_REQUEST,
                "Resource '" + resource.resourceName() + "' appears more than once in the request");
      } else {
        outcome =
            alterer.alter(
                resource.resourceType(),
                resource.resourceName(),
                current -> replacement(resource),
                request.data().validateOnly());
      }
      response
          .responses()
          .add(
              new AlterConfigsResourceResponse()
                  .setResourceType(resource.resourceType())
                  .setResourceName(resource.resourceName())
                  .setErrorCode(outcome.error().code())
                  .setErrorMessage(outcome.message()));
    }
    return CompletableFuture.completedFuture(new AlterConfigsResponse(response));
  }

  private static Map<String, String> replacement(AlterConfigsResource resource) {
    Map<String, String> configs = new HashMap<>();
    for (AlterableConfig config : resource.configs()) {
      if (config.value() == null) {
        throw new InvalidRequestException(
            "Null value not supported for config "
                + config.name()
                + "; leave a config out to reset it to the broker default");
      }
      if (configs.put(config.name(), config.value()) != null) {
        throw new InvalidRequestException(
            "Config " + config.name() + " appears more than once for " + resource.resourceName());
      }
    }
    return configs;
  }
}
