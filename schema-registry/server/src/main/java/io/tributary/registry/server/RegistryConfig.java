package io.tributary.registry.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * A schema registry instance's settings, with Confluent Schema Registry's key names and defaults so
 * an existing {@code schema-registry.properties} ports over. Kafka client settings for the store
 * pass through with the {@code kafkastore.} prefix, as in Confluent (e.g. {@code
 * kafkastore.security.protocol} becomes the clients' {@code security.protocol}). Invalid values
 * fail at construction with a {@code ConfigException} naming the key.
 *
 * <p>Besides the {@code kafkastore.topic}, the instances elect their leader through a consumer
 * group that needs a one-partition topic of its own, named {@code <kafkastore.topic>_leader}
 * (created if missing).
 */
public final class RegistryConfig extends AbstractConfig {
  public static final String LISTENERS_CONFIG = "listeners";
  public static final String LISTENERS_DEFAULT = "http://0.0.0.0:8081";
  private static final String LISTENERS_DOC =
      "Where the REST API listens, as http://host:port (one listener; https is not supported)."
          + " Port 0 picks a free port.";

  public static final String KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG = "kafkastore.bootstrap.servers";
  private static final String KAFKASTORE_BOOTSTRAP_SERVERS_DOC =
      "The Kafka cluster (broker-core or Apache Kafka) that keeps the schemas topic, as host:port"
          + " pairs separated by commas (a PLAINTEXT:// prefix is accepted).";

  public static final String KAFKASTORE_TOPIC_CONFIG = "kafkastore.topic";
  public static final String KAFKASTORE_TOPIC_DEFAULT = "_schemas";
  private static final String KAFKASTORE_TOPIC_DOC =
      "The compacted, one-partition topic that keeps every schema, version and setting; created if"
          + " missing. All instances of one registry share it.";

  public static final String KAFKASTORE_TOPIC_REPLICATION_FACTOR_CONFIG =
      "kafkastore.topic.replication.factor";
  public static final int KAFKASTORE_TOPIC_REPLICATION_FACTOR_DEFAULT = 3;
  private static final String KAFKASTORE_TOPIC_REPLICATION_FACTOR_DOC =
      "The replication factor when the registry creates its topic, lowered to the number of"
          + " brokers.";

  public static final String KAFKASTORE_TIMEOUT_MS_CONFIG = "kafkastore.timeout.ms";
  public static final int KAFKASTORE_TIMEOUT_MS_DEFAULT = 500;
  private static final String KAFKASTORE_TIMEOUT_MS_DOC =
      "How long a write to the schemas topic, including reading it back, may take before the"
          + " request fails with error 50002.";

  public static final String KAFKASTORE_INIT_TIMEOUT_MS_CONFIG = "kafkastore.init.timeout.ms";
  public static final int KAFKASTORE_INIT_TIMEOUT_MS_DEFAULT = 60_000;
  private static final String KAFKASTORE_INIT_TIMEOUT_MS_DOC =
      "How long start-up may take to create the schemas topic and read it to its end.";

  public static final String SCHEMA_COMPATIBILITY_LEVEL_CONFIG = "schema.compatibility.level";
  public static final String SCHEMA_COMPATIBILITY_LEVEL_DEFAULT = "backward";
  private static final String SCHEMA_COMPATIBILITY_LEVEL_DOC =
      "The compatibility level while none is set over REST: none, backward, backward_transitive,"
          + " forward, forward_transitive, full or full_transitive.";

  public static final String SCHEMA_REGISTRY_GROUP_ID_CONFIG = "schema.registry.group.id";
  public static final String SCHEMA_REGISTRY_GROUP_ID_DEFAULT = "schema-registry";
  private static final String SCHEMA_REGISTRY_GROUP_ID_DOC =
      "The group the instances sharing one schemas topic elect their leader in.";

  public static final String HOST_NAME_CONFIG = "host.name";
  private static final String HOST_NAME_DOC =
      "The host name other instances use to reach this one (forwarded writes go to the leader's"
          + " http://host.name:port); defaults to the listener's host, or this machine's name"
          + " when the listener binds every interface.";

  public static final String LEADER_ELIGIBILITY_CONFIG = "leader.eligibility";
  public static final boolean LEADER_ELIGIBILITY_DEFAULT = true;
  private static final String LEADER_ELIGIBILITY_DOC =
      "Whether this instance may be elected leader (the only instance that writes); instances"
          + " that may not forward writes to the leader.";

  /** The prefix of Kafka client settings passed to the store's clients. */
  public static final String KAFKASTORE_PREFIX = "kafkastore.";

  private static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(LISTENERS_CONFIG, Type.LIST, LISTENERS_DEFAULT, Importance.HIGH, LISTENERS_DOC)
          .define(
              KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG,
              Type.LIST,
              ConfigDef.NO_DEFAULT_VALUE,
              Importance.HIGH,
              KAFKASTORE_BOOTSTRAP_SERVERS_DOC)
          .define(
              KAFKASTORE_TOPIC_CONFIG,
              Type.STRING,
              KAFKASTORE_TOPIC_DEFAULT,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              KAFKASTORE_TOPIC_DOC)
          .define(
              KAFKASTORE_TOPIC_REPLICATION_FACTOR_CONFIG,
              Type.INT,
              KAFKASTORE_TOPIC_REPLICATION_FACTOR_DEFAULT,
              Range.atLeast(1),
              Importance.HIGH,
              KAFKASTORE_TOPIC_REPLICATION_FACTOR_DOC)
          .define(
              KAFKASTORE_TIMEOUT_MS_CONFIG,
              Type.INT,
              KAFKASTORE_TIMEOUT_MS_DEFAULT,
              Range.atLeast(1),
              Importance.MEDIUM,
              KAFKASTORE_TIMEOUT_MS_DOC)
          .define(
              KAFKASTORE_INIT_TIMEOUT_MS_CONFIG,
              Type.INT,
              KAFKASTORE_INIT_TIMEOUT_MS_DEFAULT,
              Range.atLeast(1),
              Importance.MEDIUM,
              KAFKASTORE_INIT_TIMEOUT_MS_DOC)
          .define(
              SCHEMA_COMPATIBILITY_LEVEL_CONFIG,
              Type.STRING,
              SCHEMA_COMPATIBILITY_LEVEL_DEFAULT,
              ConfigDef.CaseInsensitiveValidString.in(
                  "none",
                  "backward",
                  "backward_transitive",
                  "forward",
                  "forward_transitive",
                  "full",
                  "full_transitive"),
              Importance.HIGH,
              SCHEMA_COMPATIBILITY_LEVEL_DOC)
          .define(
              SCHEMA_REGISTRY_GROUP_ID_CONFIG,
              Type.STRING,
              SCHEMA_REGISTRY_GROUP_ID_DEFAULT,
              new ConfigDef.NonEmptyString(),
              Importance.MEDIUM,
              SCHEMA_REGISTRY_GROUP_ID_DOC)
          .define(HOST_NAME_CONFIG, Type.STRING, "", Importance.HIGH, HOST_NAME_DOC)
          .define(
              LEADER_ELIGIBILITY_CONFIG,
              Type.BOOLEAN,
              LEADER_ELIGIBILITY_DEFAULT,
              Importance.MEDIUM,
              LEADER_ELIGIBILITY_DOC);

  /** The registry's own kafkastore.* keys, which are not passed to the Kafka clients. */
  private static final Set<String> OWN_KAFKASTORE_KEYS =
      Set.of(
          KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG,
          KAFKASTORE_TOPIC_CONFIG,
          KAFKASTORE_TOPIC_REPLICATION_FACTOR_CONFIG,
          KAFKASTORE_TIMEOUT_MS_CONFIG,
          KAFKASTORE_INIT_TIMEOUT_MS_CONFIG);

  private final URI listener;

  /**
   * @throws ConfigException naming the key when a value is missing or invalid
   */
  public RegistryConfig(Map<String, ?> props) {
    super(CONFIG_DEF, props, false);
    this.listener = parseListener(getList(LISTENERS_CONFIG));
    if (getList(KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG).isEmpty()) {
      throw new ConfigException(
          KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG,
          "",
          "give the Kafka cluster's host:port pairs, such as 127.0.0.1:9092");
    }
  }

  /** Every setting with its type, default and documentation. */
  public static ConfigDef configDef() {
    return new ConfigDef(CONFIG_DEF);
  }

  private static URI parseListener(List<String> listeners) {
    if (listeners.size() != 1) {
      throw new ConfigException(
          LISTENERS_CONFIG,
          String.join(",", listeners),
          "give exactly one listener, such as http://0.0.0.0:8081");
    }
    String value = listeners.get(0).trim();
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ConfigException(LISTENERS_CONFIG, value, "not a URL: " + e.getMessage());
    }
    if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("http")) {
      throw new ConfigException(
          LISTENERS_CONFIG, value, "only http://host:port listeners are supported");
    }
    if (uri.getHost() == null || uri.getPort() < 0) {
      throw new ConfigException(LISTENERS_CONFIG, value, "give it as http://host:port");
    }
    return uri;
  }

  /** The host the REST API binds (may be a wildcard such as 0.0.0.0). */
  public String listenerHost() {
    String host = listener.getHost();
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /** The port the REST API binds (0: any free port). */
  public int listenerPort() {
    return listener.getPort();
  }

  /** {@code host.name}, when set. */
  public Optional<String> hostName() {
    String host = getString(HOST_NAME_CONFIG).trim();
    return host.isEmpty() ? Optional.empty() : Optional.of(host);
  }

  public String topic() {
    return getString(KAFKASTORE_TOPIC_CONFIG);
  }

  /** The leader election's one-partition topic: {@code <kafkastore.topic>_leader}. */
  public String electionTopic() {
    return topic() + "_leader";
  }

  public int topicReplicationFactor() {
    return getInt(KAFKASTORE_TOPIC_REPLICATION_FACTOR_CONFIG);
  }

  public Duration storeTimeout() {
    return Duration.ofMillis(getInt(KAFKASTORE_TIMEOUT_MS_CONFIG));
  }

  public Duration storeInitTimeout() {
    return Duration.ofMillis(getInt(KAFKASTORE_INIT_TIMEOUT_MS_CONFIG));
  }

  /** {@code schema.compatibility.level} in upper case, such as {@code BACKWARD}. */
  public String compatibilityLevel() {
    return getString(SCHEMA_COMPATIBILITY_LEVEL_CONFIG).toUpperCase(Locale.ROOT);
  }

  public String groupId() {
    return getString(SCHEMA_REGISTRY_GROUP_ID_CONFIG);
  }

  public boolean leaderEligible() {
    return getBoolean(LEADER_ELIGIBILITY_CONFIG);
  }

  /**
   * The settings for the store's Kafka clients: {@code bootstrap.servers} and every other {@code
   * kafkastore.*} setting without its prefix.
   */
  public Map<String, Object> kafkaClientConfig() {
    Map<String, Object> config = new HashMap<>();
    originals()
        .forEach(
            (key, value) -> {
              if (key.startsWith(KAFKASTORE_PREFIX) && !OWN_KAFKASTORE_KEYS.contains(key)) {
                config.put(key.substring(KAFKASTORE_PREFIX.length()), value);
              }
            });
    List<String> servers =
        getList(KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG).stream()
            .map(s -> s.replaceFirst("(?i)^PLAINTEXT://", ""))
            .toList();
    config.put("bootstrap.servers", String.join(",", servers));
    return config;
  }
}
