package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.handler.TopicConfigAlterer.Outcome;
import io.tributary.broker.internal.handler.TopicConfigAlterer.ResourceChange;
import io.tributary.broker.internal.log.LogManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
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
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.ALTER_CONFIGS, 0, 2);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, AlterConfigsRequest request) {
    List<ResourceChange> changes = new ArrayList<>();
    for (AlterConfigsResource resource : request.data().resources()) {
      changes.add(
          new ResourceChange(
              resource.resourceType(), resource.resourceName(), current -> replacement(resource)));
    }
    AlterConfigsResponseData response = new AlterConfigsResponseData();
    for (Outcome outcome : alterer.alterAll(changes, request.data().validateOnly())) {
      response
          .responses()
          .add(
              new AlterConfigsResourceResponse()
                  .setResourceType(outcome.resourceType())
                  .setResourceName(outcome.resourceName())
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
