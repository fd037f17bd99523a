package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.TopicInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part AlterConfigs and IncrementalAlterConfigs share: rejecting a resource named twice, which
 * resources can be altered, applying a change to a topic, and turning failures into Kafka errors.
 * The handlers only translate their request's configs into a change of a topic's overrides and the
 * outcomes into their response.
 *
 * <p>Only topic configs can change at runtime. broker-core has no dynamic broker configs; altering
 * a BROKER resource fails with INVALID_REQUEST, as Apache Kafka answers for a broker config that
 * cannot be updated dynamically. Thread-safe.
 */
final class TopicConfigAlterer {
  private static final Logger LOGGER = LoggerFactory.getLogger(TopicConfigAlterer.class);

  /**
   * One resource of an alter request.
   *
   * @param change gets the current overrides, returns the new ones; may throw ConfigException or an
   *     ApiException to reject the request
   */
  record ResourceChange(
      byte resourceType, String resourceName, UnaryOperator<Map<String, String>> change) {
    ResourceChange {
      requireNonNull(resourceName, "resourceName is null");
      requireNonNull(change, "change is null");
    }

    private String key() {
      return resourceType + "/" + resourceName;
    }
  }

  /** The outcome for one resource: NONE or an error with its message. */
  record Outcome(byte resourceType, String resourceName, Errors error, String message) {
    Outcome {
      requireNonNull(resourceName, "resourceName is null");
      requireNonNull(error, "error is null");
    }

    private static Outcome of(ResourceChange resource, Errors error, String message) {
      return new Outcome(resource.resourceType(), resource.resourceName(), error, message);
    }
  }

  private final LogManager logs;

  TopicConfigAlterer(LogManager logs) {
    this.logs = requireNonNull(logs, "logs is null");
  }

  /**
   * Applies each change and returns one outcome per change, in the request's order. A resource
   * named more than once in the request is not altered: each of its entries fails with
   * INVALID_REQUEST.
   */
  List<Outcome> alterAll(List<ResourceChange> resources, boolean validateOnly) {
    Set<String> seen = new HashSet<>();
    Set<String> duplicates = new HashSet<>();
    for (ResourceChange resource : resources) {
      if (!seen.add(resource.key())) {
        duplicates.add(resource.key());
      }
    }
    List<Outcome> outcomes = new ArrayList<>(resources.size());
    for (ResourceChange resource : resources) {
      if (duplicates.contains(resource.key())) {
        outcomes.add(
            Outcome.of(
                resource,
                Errors.INVALID_REQUEST,
                "Resource '"
                    + resource.resourceName()
                    + "' appears more than once in the request"));
      } else {
        outcomes.add(alter(resource, validateOnly));
      }
    }
    return outcomes;
  }

  /** Applies one resource's change to its topic's overrides. */
  private Outcome alter(ResourceChange resource, boolean validateOnly) {
    byte resourceType = resource.resourceType();
    String resourceName = resource.resourceName();
    try {
      ConfigResource.Type type = ConfigResource.Type.forId(resourceType);
      switch (type) {
        case TOPIC -> {
          Topic.validate(resourceName);
          TopicInfo altered = logs.alterConfigs(resourceName, resource.change(), validateOnly);
          if (!validateOnly) {
            LOGGER.info("Topic {} now has config overrides {}", resourceName, altered.configs());
          }
          return Outcome.of(resource, Errors.NONE, null);
        }
        case BROKER, BROKER_LOGGER ->
            throw new InvalidRequestException(
                "broker-core has no dynamic broker configs: "
                    + type
                    + " resource '"
                    + resourceName
                    + "' cannot be altered at runtime. Set broker configs in the broker's config"
                    + " file and restart it; topic configs can be altered per topic.");
        default ->
            throw new InvalidRequestException(
                "Unsupported resource type "
                    + type
                    + " (id "
                    + resourceType
                    + "); broker-core alters TOPIC configs");
      }
    } catch (ConfigException e) {
      return Outcome.of(resource, Errors.INVALID_CONFIG, e.getMessage());
    } catch (ApiException e) {
      return Outcome.of(resource, Errors.forException(e), e.getMessage());
    }
  }
}
