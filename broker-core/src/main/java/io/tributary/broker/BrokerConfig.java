package io.tributary.broker;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.log.TopicConfigs;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The broker's settings, under Apache Kafka's broker config names wherever the concept is the same,
 * so a {@code server.properties} carries over.
 *
 * <p>Immutable and thread-safe. Invalid values fail at construction with a message naming the key,
 * the value and the reason.
 */
public final class BrokerConfig {
  public static final String NODE_ID_CONFIG = "node.id";
  public static final String NODE_ID_DOC = "The id of this broker, announced to clients.";
  public static final int NODE_ID_DEFAULT = 1;

  public static final String LISTENERS_CONFIG = "listeners";
  public static final String LISTENERS_DOC =
      "Where the broker listens for Kafka clients, as PLAINTEXT://HOST:PORT (or HOST:PORT). Port 0"
          + " picks a free port.";
  public static final String LISTENERS_DEFAULT = "PLAINTEXT://127.0.0.1:9092";

  public static final String ADVERTISED_LISTENERS_CONFIG = "advertised.listeners";
  public static final String ADVERTISED_LISTENERS_DOC =
      "The address announced to clients in metadata, as PLAINTEXT://HOST:PORT. Empty means the"
          + " listener address.";

  public static final String LOG_DIR_CONFIG = "log.dir";
  public static final String LOG_DIR_DOC = "The directory that holds topic data and broker state.";
  public static final String LOG_DIR_DEFAULT = "data/broker";

  public static final String NUM_PARTITIONS_CONFIG = "num.partitions";
  public static final String NUM_PARTITIONS_DOC =
      "Partitions of auto-created topics and of topics created without a partition count.";
  public static final int NUM_PARTITIONS_DEFAULT = 1;

  public static final String AUTO_CREATE_TOPICS_ENABLE_CONFIG = "auto.create.topics.enable";
  public static final String AUTO_CREATE_TOPICS_ENABLE_DOC =
      "Create a topic when a client asks for metadata of a topic that does not exist.";

  public static final String DELETE_TOPIC_ENABLE_CONFIG = "delete.topic.enable";
  public static final String DELETE_TOPIC_ENABLE_DOC =
      "Allow deleting topics through the DeleteTopics API (AdminClient, kafka-topics.sh"
          + " --delete); when false such requests fail with TOPIC_DELETION_DISABLED.";

  public static final String SOCKET_REQUEST_MAX_BYTES_CONFIG = "socket.request.max.bytes";
  public static final String SOCKET_REQUEST_MAX_BYTES_DOC =
      "The largest request frame accepted; a larger size prefix closes the connection.";
  public static final int SOCKET_REQUEST_MAX_BYTES_DEFAULT = 100 * 1024 * 1024;

  public static final String CONNECTIONS_MAX_IDLE_MS_CONFIG = "connections.max.idle.ms";
  public static final String CONNECTIONS_MAX_IDLE_MS_DOC =
      "Close connections without any traffic for this long (e.g. a client that sent half a request"
          + " and stalled); -1 never closes idle connections.";
  public static final long CONNECTIONS_MAX_IDLE_MS_DEFAULT = 10 * 60 * 1000L;

  public static final String NUM_NETWORK_THREADS_CONFIG = "num.network.threads";
  public static final String NUM_NETWORK_THREADS_DOC = "Threads reading and writing sockets.";
  public static final int NUM_NETWORK_THREADS_DEFAULT = 3;

  public static final String NUM_IO_THREADS_CONFIG = "num.io.threads";
  public static final String NUM_IO_THREADS_DOC = "Threads serving requests (disk I/O included).";
  public static final int NUM_IO_THREADS_DEFAULT = 8;

  public static final String LOG_FLUSH_INTERVAL_MESSAGES_CONFIG = "log.flush.interval.messages";
  public static final String LOG_FLUSH_INTERVAL_MESSAGES_DOC =
      "Fsync a partition after this many messages; 1 fsyncs every write before acknowledging it."
          + " The default leaves flushing to the OS: a killed broker loses nothing, a machine"
          + " crash may lose the last writes.";

  public static final String LOG_RETENTION_HOURS_CONFIG = "log.retention.hours";
  public static final String LOG_RETENTION_HOURS_DOC =
      "Retention in hours, used when log.retention.ms and log.retention.minutes are not set.";
  public static final String LOG_RETENTION_MINUTES_CONFIG = "log.retention.minutes";
  public static final String LOG_RETENTION_MINUTES_DOC =
      "Retention in minutes, used when log.retention.ms is not set.";
  public static final String LOG_ROLL_HOURS_CONFIG = "log.roll.hours";
  public static final String LOG_ROLL_HOURS_DOC =
      "Segment roll time in hours, used when log.roll.ms is not set.";

  public static final String GROUP_INITIAL_REBALANCE_DELAY_MS_CONFIG =
      "group.initial.rebalance.delay.ms";
  public static final String GROUP_INITIAL_REBALANCE_DELAY_MS_DOC =
      "How long the first rebalance of an empty group waits for more members to join; each new"
          + " member extends the wait by this much, up to the group's rebalance timeout. 0 starts"
          + " the first generation as soon as the first member joins.";
  public static final int GROUP_INITIAL_REBALANCE_DELAY_MS_DEFAULT = 3000;

  public static final String GROUP_MIN_SESSION_TIMEOUT_MS_CONFIG = "group.min.session.timeout.ms";
  public static final String GROUP_MIN_SESSION_TIMEOUT_MS_DOC =
      "The smallest session timeout a group member may ask for (INVALID_SESSION_TIMEOUT below).";
  public static final int GROUP_MIN_SESSION_TIMEOUT_MS_DEFAULT = 6000;

  public static final String GROUP_MAX_SESSION_TIMEOUT_MS_CONFIG = "group.max.session.timeout.ms";
  public static final String GROUP_MAX_SESSION_TIMEOUT_MS_DOC =
      "The largest session timeout a group member may ask for (INVALID_SESSION_TIMEOUT above).";
  public static final int GROUP_MAX_SESSION_TIMEOUT_MS_DEFAULT = 1_800_000;

  public static final String OFFSET_METADATA_MAX_BYTES_CONFIG = "offset.metadata.max.bytes";
  public static final String OFFSET_METADATA_MAX_BYTES_DOC =
      "The longest metadata string an offset commit may carry (OFFSET_METADATA_TOO_LARGE above).";
  public static final int OFFSET_METADATA_MAX_BYTES_DEFAULT = 4096;

  public static final String PRODUCER_ID_EXPIRATION_MS_CONFIG = "producer.id.expiration.ms";
  public static final String PRODUCER_ID_EXPIRATION_MS_DOC =
      "How long a partition remembers an idempotent producer that has stopped writing to it; a"
          + " producer that comes back later is treated as new, so its retries of batches older"
          + " than this are no longer recognised as duplicates.";
  public static final long PRODUCER_ID_EXPIRATION_MS_DEFAULT = 24L * 60 * 60 * 1000;

  public static final String PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS_CONFIG =
      "producer.id.expiration.check.interval.ms";
  public static final String PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS_DOC =
      "How often partitions look for producers to forget (see producer.id.expiration.ms).";
  public static final long PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS_DEFAULT = 10L * 60 * 1000;

  public static final String LOG_RETENTION_CHECK_INTERVAL_MS_CONFIG =
      "log.retention.check.interval.ms";
  public static final String LOG_RETENTION_CHECK_INTERVAL_MS_DOC =
      "How often retention (retention.ms, retention.bytes, DeleteRecords) removes old segments.";
  public static final long LOG_RETENTION_CHECK_INTERVAL_MS_DEFAULT = 300_000L;

  public static final String LOG_FLUSH_SCHEDULER_INTERVAL_MS_CONFIG =
      "log.flush.scheduler.interval.ms";
  public static final String LOG_FLUSH_SCHEDULER_INTERVAL_MS_DOC =
      "How often partitions are checked for appends older than flush.ms that are not yet fsynced.";
  public static final long LOG_FLUSH_SCHEDULER_INTERVAL_MS_DEFAULT = 1_000L;

  public static final String LOG_CLEANER_ENABLE_CONFIG = "log.cleaner.enable";
  public static final String LOG_CLEANER_ENABLE_DOC =
      "Run the log cleaner, which compacts topics with cleanup.policy=compact. Without it such"
          + " topics grow without bound.";

  public static final String LOG_CLEANER_BACKOFF_MS_CONFIG = "log.cleaner.backoff.ms";
  public static final String LOG_CLEANER_BACKOFF_MS_DOC =
      "How long the log cleaner sleeps when no log needs cleaning.";
  public static final long LOG_CLEANER_BACKOFF_MS_DEFAULT = 15_000L;

  private static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(
              NODE_ID_CONFIG,
              Type.INT,
              NODE_ID_DEFAULT,
              Range.atLeast(0),
              Importance.HIGH,
              NODE_ID_DOC)
          .define(LISTENERS_CONFIG, Type.STRING, LISTENERS_DEFAULT, Importance.HIGH, LISTENERS_DOC)
          .define(
              ADVERTISED_LISTENERS_CONFIG,
              Type.STRING,
              "",
              Importance.MEDIUM,
              ADVERTISED_LISTENERS_DOC)
          .define(LOG_DIR_CONFIG, Type.STRING, LOG_DIR_DEFAULT, Importance.HIGH, LOG_DIR_DOC)
          .define(
              NUM_PARTITIONS_CONFIG,
              Type.INT,
              NUM_PARTITIONS_DEFAULT,
              Range.atLeast(1),
              Importance.MEDIUM,
              NUM_PARTITIONS_DOC)
          .define(
              AUTO_CREATE_TOPICS_ENABLE_CONFIG,
              Type.BOOLEAN,
              true,
              Importance.MEDIUM,
              AUTO_CREATE_TOPICS_ENABLE_DOC)
          .define(
              DELETE_TOPIC_ENABLE_CONFIG,
              Type.BOOLEAN,
              true,
              Importance.MEDIUM,
              DELETE_TOPIC_ENABLE_DOC)
          .define(
              SOCKET_REQUEST_MAX_BYTES_CONFIG,
              Type.INT,
              SOCKET_REQUEST_MAX_BYTES_DEFAULT,
              Range.atLeast(1024),
              Importance.LOW,
              SOCKET_REQUEST_MAX_BYTES_DOC)
          .define(
              CONNECTIONS_MAX_IDLE_MS_CONFIG,
              Type.LONG,
              CONNECTIONS_MAX_IDLE_MS_DEFAULT,
              Importance.LOW,
              CONNECTIONS_MAX_IDLE_MS_DOC)
          .define(
              NUM_NETWORK_THREADS_CONFIG,
              Type.INT,
              NUM_NETWORK_THREADS_DEFAULT,
              Range.atLeast(1),
              Importance.LOW,
              NUM_NETWORK_THREADS_DOC)
          .define(
              NUM_IO_THREADS_CONFIG,
              Type.INT,
              NUM_IO_THREADS_DEFAULT,
              Range.atLeast(1),
              Importance.LOW,
              NUM_IO_THREADS_DOC)
          .define(
              LOG_RETENTION_HOURS_CONFIG,
              Type.INT,
              null,
              Importance.MEDIUM,
              LOG_RETENTION_HOURS_DOC)
          .define(
              LOG_RETENTION_MINUTES_CONFIG,
              Type.INT,
              null,
              Importance.MEDIUM,
              LOG_RETENTION_MINUTES_DOC)
          .define(LOG_ROLL_HOURS_CONFIG, Type.INT, null, Importance.MEDIUM, LOG_ROLL_HOURS_DOC)
          .define(
              GROUP_INITIAL_REBALANCE_DELAY_MS_CONFIG,
              Type.INT,
              GROUP_INITIAL_REBALANCE_DELAY_MS_DEFAULT,
              Range.atLeast(0),
              Importance.MEDIUM,
              GROUP_INITIAL_REBALANCE_DELAY_MS_DOC)
          .define(
              GROUP_MIN_SESSION_TIMEOUT_MS_CONFIG,
              Type.INT,
              GROUP_MIN_SESSION_TIMEOUT_MS_DEFAULT,
              Range.atLeast(1),
              Importance.MEDIUM,
              GROUP_MIN_SESSION_TIMEOUT_MS_DOC)
          .define(
              GROUP_MAX_SESSION_TIMEOUT_MS_CONFIG,
              Type.INT,
              GROUP_MAX_SESSION_TIMEOUT_MS_DEFAULT,
              Range.atLeast(1),
              Importance.MEDIUM,
              GROUP_MAX_SESSION_TIMEOUT_MS_DOC)
          .define(
              OFFSET_METADATA_MAX_BYTES_CONFIG,
              Type.INT,
              OFFSET_METADATA_MAX_BYTES_DEFAULT,
              Range.atLeast(0),
              Importance.LOW,
              OFFSET_METADATA_MAX_BYTES_DOC)
          .define(
              PRODUCER_ID_EXPIRATION_MS_CONFIG,
              Type.LONG,
              PRODUCER_ID_EXPIRATION_MS_DEFAULT,
              Range.atLeast(1),
              Importance.LOW,
              PRODUCER_ID_EXPIRATION_MS_DOC)
          .define(
              PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS_CONFIG,
              Type.LONG,
              PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS_DEFAULT,
              Range.atLeast(1),
              Importance.LOW,
              PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS_DOC)
          .define(
              LOG_RETENTION_CHECK_INTERVAL_MS_CONFIG,
              Type.LONG,
              LOG_RETENTION_CHECK_INTERVAL_MS_DEFAULT,
              Range.atLeast(1),
              Importance.MEDIUM,
              LOG_RETENTION_CHECK_INTERVAL_MS_DOC)
          .define(
              LOG_FLUSH_SCHEDULER_INTERVAL_MS_CONFIG,
              Type.LONG,
              LOG_FLUSH_SCHEDULER_INTERVAL_MS_DEFAULT,
              Range.atLeast(1),
              Importance.LOW,
              LOG_FLUSH_SCHEDULER_INTERVAL_MS_DOC)
          .define(
              LOG_CLEANER_ENABLE_CONFIG,
              Type.BOOLEAN,
              true,
              Importance.MEDIUM,
              LOG_CLEANER_ENABLE_DOC)
          .define(
              LOG_CLEANER_BACKOFF_MS_CONFIG,
              Type.LONG,
              LOG_CLEANER_BACKOFF_MS_DEFAULT,
              Range.atLeast(1),
              Importance.MEDIUM,
              LOG_CLEANER_BACKOFF_MS_DOC);

  static {
    // Every topic config's broker-wide default, under the broker name Kafka gives it.
    for (TopicConfigs.Key key : TopicConfigs.keys()) {
      if (!DEFINITION.names().contains(key.brokerName())) {
        DEFINITION.define(
            key.brokerName(),
            key.type(),
            key.kafkaDefault(),
            TopicConfigs.definition().configKeys().get(key.name()).validator,
            Importance.MEDIUM,
            key.doc() + " Default for the topic config " + key.name() + ".");
      }
    }
  }

  private final Values values;
  private final Map<String, String> originals;

  private static final class Values extends AbstractConfig {
    Values(Map<String, ?> originals) {
      super(DEFINITION, originals, false);
    }
  }

  /**
   * Builds a config from Kafka-style key/value pairs; unknown keys are rejected.
   *
   * @throws ConfigException naming the key, value and reason for an invalid value
   */
  public BrokerConfig(Map<String, String> settings) {
    requireNonNull(settings, "settings is null");
    for (String key : settings.keySet()) {
      if (!DEFINITION.names().contains(key)) {
        throw new ConfigException(
            "Unknown broker configuration '"
                + key
                + "'. Known keys: "
                + new TreeMap<>(DEFINITION.defaultValues()).keySet()
                + ", see docs/broker.md.");
      }
    }
    this.originals = Map.copyOf(settings);
    this.values = new Values(settings);
    listenAddress();
    advertisedAddress();
    if (groupMinSessionTimeoutMs() > groupMaxSessionTimeoutMs()) {
      throw new ConfigException(
          GROUP_MIN_SESSION_TIMEOUT_MS_CONFIG,
          groupMinSessionTimeoutMs(),
          "must not be larger than "
              + GROUP_MAX_SESSION_TIMEOUT_MS_CONFIG
              + " ("
              + groupMaxSessionTimeoutMs()
              + ")");
    }
  }

  /** A config with every default. */
  public static BrokerConfig defaults() {
    return new BrokerConfig(Map.of());
  }

  /** Every key this config knows, with its documentation. */
  public static ConfigDef definition() {
    return DEFINITION;
  }

  public static Set<String> names() {
    return DEFINITION.names();
  }

  /** A copy of this config with some keys replaced. */
  public BrokerConfig with(Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(originals);
    merged.putAll(overrides);
    return new BrokerConfig(merged);
  }

  public int nodeId() {
    return values.getInt(NODE_ID_CONFIG);
  }

  public InetSocketAddress listenAddress() {
    return parseListener(LISTENERS_CONFIG, values.getString(LISTENERS_CONFIG));
  }

  /** The advertised address; when unset, the listener's (with the bound port filled in later). */
  public InetSocketAddress advertisedAddress() {
    String advertised = values.getString(ADVERTISED_LISTENERS_CONFIG);
    return advertised.isBlank() ? null : parseListener(ADVERTISED_LISTENERS_CONFIG, advertised);
  }

  public Path dataDir() {
    return Path.of(values.getString(LOG_DIR_CONFIG));
  }

  public int defaultPartitions() {
    return values.getInt(NUM_PARTITIONS_CONFIG);
  }

  public boolean autoCreateTopics() {
    return values.getBoolean(AUTO_CREATE_TOPICS_ENABLE_CONFIG);
  }

  public boolean deleteTopicEnable() {
    return values.getBoolean(DELETE_TOPIC_ENABLE_CONFIG);
  }

  public int socketRequestMaxBytes() {
    return values.getInt(SOCKET_REQUEST_MAX_BYTES_CONFIG);
  }

  /** Idle connections are closed after this long; 0 or less: never. */
  public long connectionsMaxIdleMs() {
    return values.getLong(CONNECTIONS_MAX_IDLE_MS_CONFIG);
  }

  public int networkThreads() {
    return values.getInt(NUM_NETWORK_THREADS_CONFIG);
  }

  public int ioThreads() {
    return values.getInt(NUM_IO_THREADS_CONFIG);
  }

  public long retentionCheckIntervalMs() {
    return values.getLong(LOG_RETENTION_CHECK_INTERVAL_MS_CONFIG);
  }

  public long flushSchedulerIntervalMs() {
    return values.getLong(LOG_FLUSH_SCHEDULER_INTERVAL_MS_CONFIG);
  }

  public boolean cleanerEnabled() {
    return values.getBoolean(LOG_CLEANER_ENABLE_CONFIG);
  }

  public long cleanerBackoffMs() {
    return values.getLong(LOG_CLEANER_BACKOFF_MS_CONFIG);
  }

  /**
   * The broker-wide default of every topic config, keyed by the topic config name (e.g. {@code
   * retention.ms} from {@code log.retention.ms}, or from the hours/minutes forms when only those
   * are set).
   */
  public Map<String, Object> topicDefaults() {
    Map<String, Object> defaults = new HashMap<>();
    for (TopicConfigs.Key key : TopicConfigs.keys()) {
      defaults.put(key.name(), values.values().get(key.brokerName()));
    }
    if (!originals.containsKey("log.retention.ms")) {
      Integer minutes = values.getInt(LOG_RETENTION_MINUTES_CONFIG);
      Integer hours = values.getInt(LOG_RETENTION_HOURS_CONFIG);
      if (minutes != null) {
        defaults.put(TopicConfigs.RETENTION_MS, minutes * 60_000L);
      } else if (hours != null) {
        defaults.put(TopicConfigs.RETENTION_MS, hours * 3_600_000L);
      }
    }
    Integer rollHours = values.getInt(LOG_ROLL_HOURS_CONFIG);
    if (!originals.containsKey("log.roll.ms") && rollHours != null) {
      defaults.put(TopicConfigs.SEGMENT_MS, rollHours * 3_600_000L);
    }
    return defaults;
  }

  public int groupInitialRebalanceDelayMs() {
    return values.getInt(GROUP_INITIAL_REBALANCE_DELAY_MS_CONFIG);
  }

  public int groupMinSessionTimeoutMs() {
    return values.getInt(GROUP_MIN_SESSION_TIMEOUT_MS_CONFIG);
  }

  public int groupMaxSessionTimeoutMs() {
    return values.getInt(GROUP_MAX_SESSION_TIMEOUT_MS_CONFIG);
  }

  public int offsetMetadataMaxBytes() {
    return values.getInt(OFFSET_METADATA_MAX_BYTES_CONFIG);
  }

  public long producerIdExpirationMs() {
    return values.getLong(PRODUCER_ID_EXPIRATION_MS_CONFIG);
  }

  public long producerIdExpirationCheckIntervalMs() {
    return values.getLong(PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS_CONFIG);
  }

  /** The settings as given (without defaults). */
  public Map<String, String> originals() {
    return originals;
  }

  private static InetSocketAddress parseListener(String key, String value) {
    String address = value.trim();
    int scheme = address.indexOf("://");
    if (scheme >= 0) {
      String protocol = address.substring(0, scheme);
      if (!protocol.equalsIgnoreCase("PLAINTEXT")) {
        throw new ConfigException(
            key, value, "only PLAINTEXT listeners are supported (TLS comes in a later release)");
      }
      address = address.substring(scheme + 3);
    }
    if (address.contains(",")) {
      throw new ConfigException(key, value, "give exactly one listener, as PLAINTEXT://HOST:PORT");
    }
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new ConfigException(key, value, "expected HOST:PORT, e.g. 127.0.0.1:9092");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "the port must be a number from 0 to 65535");
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException(key, value, "the port must be a number from 0 to 65535");
    }
    return InetSocketAddress.createUnresolved(host.isEmpty() ? "0.0.0.0" : host, port);
  }
}
