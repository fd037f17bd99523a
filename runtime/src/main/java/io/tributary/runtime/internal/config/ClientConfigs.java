package io.tributary.runtime.internal.config;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.internal.plugins.Plugins;
import io.tributary.runtime.internal.status.ConnectorTaskId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest.ClientType;
import org.apache.kafka.connect.health.ConnectorType;

/**
 * The Kafka client settings of a connector's tasks, as Kafka Connect builds them: every worker
 * setting a client of that kind knows (e.g. {@code bootstrap.servers}, {@code security.protocol},
 * {@code ssl.*}, {@code sasl.*}), then the worker's {@code producer.*} / {@code consumer.*} /
 * {@code admin.*} settings, then the connector's {@code producer.override.*} / {@code
 * consumer.override.*} / {@code admin.override.*} settings, which the worker's {@code
 * connector.client.config.override.policy} must allow.
 *
 * <p>Source producers get Kafka Connect's defaults ({@code acks=all}, unbounded {@code
 * max.block.ms} and {@code delivery.timeout.ms}) except that they are idempotent with 5 requests in
 * flight (ordering is kept by idempotence) instead of Connect's 1. Thread-safe.
 */
public final class ClientConfigs {
  /**
   * Source producers batch for up to 5 ms (Kafka 4.0's default) in batches of up to 64 KiB:
   * measured here with 1M small records from one source task to broker-core, ~2.5-5x the throughput
   * of kafka-clients 3.9's {@code linger.ms=0}. Both yield to the worker's {@code producer.*} and
   * the connector's {@code producer.override.*}.
   */
  static final String SOURCE_LINGER_MS_DEFAULT = "5";

  static final String SOURCE_BATCH_SIZE_DEFAULT = "65536";

  private static final Set<String> PRODUCER_KEYS = ProducerConfig.configNames();
  private static final Set<String> CONSUMER_KEYS = ConsumerConfig.configNames();
  private static final Set<String> ADMIN_KEYS = AdminClientConfig.configNames();

  private final WorkerConfig worker;
  private final ConnectorClientConfigOverridePolicy policy;

  public ClientConfigs(WorkerConfig worker, ConnectorClientConfigOverridePolicy policy) {
    this.worker = requireNonNull(worker, "worker is null");
    this.policy = requireNonNull(policy, "policy is null");
  }

  /**
   * The policy named by the worker's {@code connector.client.config.override.policy}: {@code All},
   * {@code None}, {@code Principal}, or a plugin class instantiated through {@code plugins}.
   */
  public static ConnectorClientConfigOverridePolicy policy(WorkerConfig worker, Plugins plugins) {
    String name = worker.getString(WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG);
    NamedOverridePolicy builtIn = NamedOverridePolicy.byName(name);
    if (builtIn != null) {
      return builtIn;
    }
    ConnectorClientConfigOverridePolicy policy =
        plugins.newInstance(name, ConnectorClientConfigOverridePolicy.class);
    try (Plugins.LoaderSwap swap = plugins.withClassLoaderOf(policy.getClass())) {
      policy.configure(worker.originals());
    }
    return policy;
  }

  public ConnectorClientConfigOverridePolicy policy() {
    return policy;
  }

  /** The producer of a source task. */
  public Map<String, Object> sourceProducer(ConnectorTaskId id, Map<String, String> connector) {
    Map<String, Object> props = base(PRODUCER_KEYS, "producer.");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Long.MAX_VALUE));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
    props.put(ProducerConfig.LINGER_MS_CONFIG, SOURCE_LINGER_MS_DEFAULT);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, SOURCE_BATCH_SIZE_DEFAULT);
    props.putAll(worker.originalsWithPrefix("producer."));
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "connector-producer-" + id);
    return finish(
        props,
        id,
        connector,
        ClientType.PRODUCER,
        ConnectorType.SOURCE,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
  }

  /** The consumer of a sink task, in group {@code connect-<name>}. */
  public Map<String, Object> sinkConsumer(ConnectorTaskId id, Map<String, String> connector) {
    Map<String, Object> props = base(CONSUMER_KEYS, "consumer.");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "connect-" + id.connector());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.putAll(worker.originalsWithPrefix("consumer."));
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "connector-consumer-" + id);
    return finish(props, id, connector, ClientType.CONSUMER, ConnectorType.SINK, null);
  }

  /**
   * The worker's own admin client (sink connectors' offsets, the cluster id): the worker's client
   * settings and its {@code admin.*} ones; no connector overrides apply.
   */
  public static Map<String, Object> workerAdmin(WorkerConfig worker) {
    Map<String, Object> props = new HashMap<>();
    for (Map.Entry<String, Object> entry : worker.originals().entrySet()) {
      if (ADMIN_KEYS.contains(entry.getKey())) {
        props.put(entry.getKey(), entry.getValue());
      }
    }
    props.put(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        String.join(",", worker.getList(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG)));
    props.putAll(worker.originalsWithPrefix("admin."));
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "tributary-worker-admin");
    return props;
  }

  /** The admin client of a task (topic creation, dead letter queue). */
  public Map<String, Object> admin(
      ConnectorTaskId id, Map<String, String> connector, ConnectorType type) {
    Map<String, Object> props = base(ADMIN_KEYS, "admin.");
    props.putAll(worker.originalsWithPrefix("admin."));
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "connector-adminclient-" + id);
    return finish(props, id, connector, ClientType.ADMIN, type, null);
  }

  /** The producer a sink task writes its dead letter queue with. */
  public Map<String, Object> dlqProducer(ConnectorTaskId id, Map<String, String> connector) {
    Map<String, Object> props = base(PRODUCER_KEYS, "producer.");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Long.MAX_VALUE));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
    props.putAll(worker.originalsWithPrefix("producer."));
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "connector-dlq-producer-" + id);
    return finish(
        props,
        id,
        connector,
        ClientType.PRODUCER,
        ConnectorType.SINK,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
  }

  private Map<String, Object> base(Set<String> clientKeys, String workerPrefix) {
    Map<String, Object> props = new HashMap<>();
    for (Map.Entry<String, Object> entry : worker.originals().entrySet()) {
      String key = entry.getKey();
      if (clientKeys.contains(key) && !key.startsWith(workerPrefix)) {
        props.put(key, entry.getValue());
      }
    }
    props.put(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        String.join(",", worker.getList(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG)));
    return props;
  }

  private Map<String, Object> finish(
      Map<String, Object> props,
      ConnectorTaskId id,
      Map<String, String> connector,
      ClientType clientType,
      ConnectorType connectorType,
      String serializerKey) {
    String prefix = overridePrefix(clientType);
    Map<String, Object> overrides = new HashMap<>();
    connector.forEach(
        (key, value) -> {
          if (key.startsWith(prefix)) {
            overrides.put(key.substring(prefix.length()), value);
          }
        });
    if (!overrides.isEmpty()) {
      for (ConfigValue value : check(id.connector(), connectorType, null, clientType, overrides)) {
        if (!value.errorMessages().isEmpty()) {
          throw new ConfigException(
              prefix + value.name(),
              value.value(),
              value.errorMessages().get(0)
                  + " (worker setting "
                  + WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG
                  + ")");
        }
      }
      props.putAll(overrides);
    }
    if (serializerKey != null) {
      props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    } else if (clientType == ClientType.CONSUMER) {
      props.put(
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
      props.put(
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    }
    return props;
  }

  /**
   * Checks a connector's client overrides against the policy, for validation: one value per
   * override, named with its full key ({@code producer.override.acks}).
   */
  public List<ConfigValue> validateOverrides(
      Map<String, String> connector,
      ConnectorType connectorType,
      Class<? extends Connector> connectorClass) {
    List<ConfigValue> result = new ArrayList<>();
    String name = connector.getOrDefault(ConnectorConfig.NAME_CONFIG, "");
    List<ClientType> types =
        connectorType == ConnectorType.SOURCE
            ? List.of(ClientType.PRODUCER, ClientType.ADMIN)
            : List.of(ClientType.CONSUMER, ClientType.PRODUCER, ClientType.ADMIN);
    for (ClientType type : types) {
      String prefix = overridePrefix(type);
      Map<String, Object> overrides = new HashMap<>();
      connector.forEach(
          (key, value) -> {
            if (key.startsWith(prefix)) {
              overrides.put(key.substring(prefix.length()), value);
            }
          });
      if (overrides.isEmpty()) {
        continue;
      }
      for (ConfigValue value : check(name, connectorType, connectorClass, type, overrides)) {
        ConfigValue named =
            new ConfigValue(
                prefix + value.name(),
                value.value(),
                value.recommendedValues(),
                value.errorMessages());
        result.add(named);
      }
    }
    return result;
  }

  private List<ConfigValue> check(
      String connectorName,
      ConnectorType connectorType,
      Class<? extends Connector> connectorClass,
      ClientType clientType,
      Map<String, Object> overrides) {
    return policy.validate(
        new ConnectorClientConfigRequest(
            connectorName, connectorType, connectorClass, overrides, clientType));
  }

  private static String overridePrefix(ClientType type) {
    return switch (type) {
      case PRODUCER -> ConnectorConfig.PRODUCER_OVERRIDES_PREFIX;
      case CONSUMER -> ConnectorConfig.CONSUMER_OVERRIDES_PREFIX;
      case ADMIN -> ConnectorConfig.ADMIN_OVERRIDES_PREFIX;
    };
  }
}
