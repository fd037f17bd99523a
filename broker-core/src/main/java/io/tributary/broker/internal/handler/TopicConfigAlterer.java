package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.log.LogManager;
import io.tributary.broker.internal.log.TopicInfo;
import java.util.Map;
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
 * The part AlterConfigs and IncrementalAlterConfigs share: which resources can be altered, applying
 * a change to a topic, and turning failures into Kafka errors.
 *
 * <p>Only topic configs can change at runtime. broker-core has no dynamic broker configs; altering
 * a BROKER resource fails with INVALID_REQUEST, as Apache Kafka answers for a broker config that
 * cannot be updated dynamically. Thread-safe.
 */
final class TopicConfigAlterer {
  private static final Logger LOGGER = LoggerFactory.getLogger(TopicConfigAlterer.class);

  /** The outcome for one resource: NONE or an error with its message. */
  record Outcome(Errors error, String message) {
    Outcome {
      requireNonNull(error, "error is null");
    }

    static final Outcome OK = new Outcome(Errors.NONE, null);
  }

  private final LogManager logs;

  TopicConfigAlterer(LogManager logs) {
    this.logs = requireNonNull(logs, "logs is null");
  }

  /**
   * Applies {@code change} to a resource's topic overrides.
   *
   * @param change gets the current overrides, returns the new ones; may throw ConfigException or an
   *     ApiException to reject the request
   */
  Outcome alter(
      byte resourceType,
      String resourceName,
      UnaryOperator<Map<String, String>> change,
      boolean validateOnly) {
    try {
      ConfigResource.Type type = ConfigResource.Type.forId(resourceType);
      switch (type) {
        case TOPIC -> {
          Topic.validate(resourceName);
          TopicInfo altered = logs.alterConfigs(resourceName, change, validateOnly);
          if (!validateOnly) {
            LOGGER.info("Topic {} now has config overrides {}", resourceName, altered.configs());
          }
          return Outcome.OK;
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
      return new Outcome(Errors.INVALID_CONFIG, e.getMessage());
    } catch (ApiException e) {
      return new Outcome(Errors.forException(e), e.getMessage());
    }
  }
}
