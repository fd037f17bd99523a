package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.handler.TopicConfigAlterer.Outcome;
import io.tributary.broker.internal.handler.TopicConfigAlterer.ResourceChange;
import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.TopicConfigs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.AlterConfigOp.OpType;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.IncrementalAlterConfigsRequest;
import org.apache.kafka.common.requests.IncrementalAlterConfigsResponse;

/**
 * IncrementalAlterConfigs: SET or DELETE single topic configs, APPEND to or SUBTRACT from list
 * configs such as {@code cleanup.policy}. An APPEND to a config the topic does not override starts
 * from the broker default. All operations of a resource apply together or not at all.
 */
public final class IncrementalAlterConfigsHandler
    implements ApiHandler<IncrementalAlterConfigsRequest> {
  private final TopicConfigAlterer alterer;
  private final Map<String, Object> topicDefaults;

  /**
   * @param topicDefaults the broker default of each topic config, keyed by topic config name
   */
  public IncrementalAlterConfigsHandler(LogManager logs, Map<String, Object> topicDefaults) {
    this.alterer = new TopicConfigAlterer(requireNonNull(logs, "logs is null"));
    this.topicDefaults = new HashMap<>(requireNonNull(topicDefaults, "topicDefaults is null"));
  }

  @Override
  public ApiVersionRange versions() {
    return ApiVersionRange.of(ApiKeys.INCREMENTAL_ALTER_CONFIGS, 0, 1);
  }

  @Override
  public CompletableFuture<AbstractResponse> handle(
      RequestContext context, IncrementalAlterConfigsRequest request) {
    List<ResourceChange> changes = new ArrayList<>();
    for (AlterConfigsResource resource : request.data().resources()) {
      changes.add(
          new ResourceChange(
              resource.resourceType(),
              resource.resourceName(),
              current -> apply(current, resource.configs())));
    }
    IncrementalAlterConfigsResponseData response = new IncrementalAlterConfigsResponseData();
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
    return CompletableFuture.completedFuture(new IncrementalAlterConfigsResponse(response));
  }

  private Map<String, String> apply(
      Map<String, String> current, Iterable<AlterableConfig> changes) {
    Map<String, String> updated = new HashMap<>(current);
    Set<String> names = new HashSet<>();
    for (AlterableConfig change : changes) {
      String name = change.name();
      if (!names.add(name)) {
        throw new InvalidRequestException(
            "Config " + name + " appears more than once; give one operation per config");
      }
      ConfigKey key = TopicConfigs.definition().configKeys().get(name);
      if (key == null) {
        throw new ConfigException(
            name,
            change.value(),
            "unknown or unsupported topic configuration; broker-core supports "
                + TopicConfigs.names());
      }
      OpType op = opType(change.configOperation(), name);
      switch (op) {
        case SET -> {
          if (change.value() == null) {
            throw new InvalidRequestException(
                "Null value not supported for SET of " + name + "; use DELETE to reset it");
          }
          updated.put(name, change.value());
        }
        case DELETE -> updated.remove(name);
        case APPEND, SUBTRACT -> {
          if (key.type != Type.LIST) {
            throw new ConfigException(
                name,
                change.value(),
                "cannot "
                    + op
                    + " to a config of type "
                    + key.type
                    + "; only LIST configs allow it");
          }
          List<String> values = new ArrayList<>(currentList(updated, key));
          for (String item : parts(change.value())) {
            if (op == OpType.APPEND && !values.contains(item)) {
              values.add(item);
            } else if (op == OpType.SUBTRACT) {
              values.remove(item);
            }
          }
          updated.put(name, String.join(",", values));
        }
        default -> throw new IllegalStateException("Unhandled operation " + op);
      }
    }
    return updated;
  }

  private List<String> currentList(Map<String, String> overrides, ConfigKey key) {
    String value = overrides.get(key.name);
    if (value == null) {
      value = ConfigDef.convertToString(topicDefaults.get(key.name), key.type);
    }
    return parts(value);
  }

  private static List<String> parts(String value) {
    List<String> parts = new ArrayList<>();
    if (value == null) {
      return parts;
    }
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        parts.add(part.trim());
      }
    }
    return parts;
  }

  private static OpType opType(byte id, String name) {
    OpType op = OpType.forId(id);
    if (op == null) {
      throw new InvalidRequestException(
          "Unknown config operation "
              + id
              + " for "
              + name
              + "; use SET, DELETE, APPEND, SUBTRACT");
    }
    return op;
  }
}
