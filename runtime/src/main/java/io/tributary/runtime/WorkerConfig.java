package io.tributary.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * A worker's settings, with Kafka Connect's worker config names so an existing standalone worker
 * config ports over. Client settings pass through by prefix as in Kafka Connect: {@code
 * producer.*}, {@code consumer.*} and {@code admin.*} go to the clients the worker creates for its
 * tasks, and any other setting a Kafka client knows (e.g. {@code security.protocol}) goes to all of
 * them. Invalid values fail at construction with a {@code ConfigException} naming the key.
 */
public final class WorkerConfig extends AbstractConfig {
  public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
  public static final String BOOTSTRAP_SERVERS_DEFAULT = "127.0.0.1:9092";
  private static final String BOOTSTRAP_SERVERS_DOC =
      "The Kafka cluster (broker-core or Apache Kafka) the worker's clients connect to, as"
          + " host:port pairs separated by commas.";

  public static final String LISTENERS_CONFIG = "listeners";
  public static final String LISTENERS_DEFAULT = "http://127.0.0.1:8083";
  private static final String LISTENERS_DOC =
      "Where the REST API listens, as http://host:port (one listener). Use port 0 for any free"
          + " port.";

  public static final String REST_ADVERTISED_HOST_NAME_CONFIG = "rest.advertised.host.name";
  private static final String REST_ADVERTISED_HOST_NAME_DOC =
      "The host name in this worker's id (shown as worker_id in statuses); defaults to the"
          + " listener's host.";

  public static final String PLUGIN_PATH_CONFIG = "plugin.path";
  private static final String PLUGIN_PATH_DOC =
      "Directories with plugins, separated by commas. Each entry is a plugin (a directory of jars"
          + " or classes, or an uber-jar) or a directory of such plugins; each plugin gets its own"
          + " class loader. Tributary's bundled connectors are always available.";

  public static final String KEY_CONVERTER_CLASS_CONFIG = "key.converter";
  public static final String VALUE_CONVERTER_CLASS_CONFIG = "value.converter";
  public static final String CONVERTER_CLASS_DEFAULT =
      "org.apache.kafka.connect.json.JsonConverter";
  private static final String KEY_CONVERTER_CLASS_DOC =
      "The converter between record keys in Connect's format and bytes in Kafka, for connectors"
          + " that do not set their own; its settings come as key.converter.*.";
  private static final String VALUE_CONVERTER_CLASS_DOC =
      "The converter between record values in Connect's format and bytes in Kafka, for connectors"
          + " that do not set their own; its settings come as value.converter.*.";

  public static final String HEADER_CONVERTER_CLASS_CONFIG = "header.converter";
  public static final String HEADER_CONVERTER_CLASS_DEFAULT =
      "org.apache.kafka.connect.storage.SimpleHeaderConverter";
  private static final String HEADER_CONVERTER_CLASS_DOC =
      "The converter for record header values, for connectors that do not set their own.";

  public static final String OFFSET_STORAGE_FILE_FILENAME_CONFIG = "offset.storage.file.filename";
  public static final String OFFSET_STORAGE_FILE_FILENAME_DEFAULT = "data/connect/offsets.json";
  private static final String OFFSET_STORAGE_FILE_FILENAME_DOC =
      "The file where a standalone worker keeps source connectors' offsets (written atomically).";

  public static final String CONFIG_STORAGE_FILE_FILENAME_CONFIG = "config.storage.file.filename";
  public static final String CONFIG_STORAGE_FILE_FILENAME_DEFAULT = "data/connect/connectors.json";
  private static final String CONFIG_STORAGE_FILE_FILENAME_DOC =
      "The file where a standalone worker keeps connectors created or changed over REST, with"
          + " their target states, so they survive a restart (written atomically).";

  public static final String OFFSET_COMMIT_INTERVAL_MS_CONFIG = "offset.flush.interval.ms";
  public static final long OFFSET_COMMIT_INTERVAL_MS_DEFAULT = 60_000L;
  private static final String OFFSET_COMMIT_INTERVAL_MS_DOC =
      "How often tasks commit offsets: source offsets to the offset store, sink offsets to the"
          + " consumer group.";

  public static final String OFFSET_COMMIT_TIMEOUT_MS_CONFIG = "offset.flush.timeout.ms";
  public static final long OFFSET_COMMIT_TIMEOUT_MS_DEFAULT = 5_000L;
  private static final String OFFSET_COMMIT_TIMEOUT_MS_DOC =
      "How long a source task waits for its outstanding records to be acknowledged before an"
          + " offset commit gives up and retries at the next interval.";

  public static final String TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_CONFIG =
      "task.shutdown.graceful.timeout.ms";
  public static final long TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_DEFAULT = 5_000L;
  private static final String TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_DOC =
      "How long the worker waits for connectors and tasks to stop (per stop request, for all"
          + " of them together) before abandoning them.";

  public static final String TOPIC_CREATION_ENABLE_CONFIG = "topic.creation.enable";
  private static final String TOPIC_CREATION_ENABLE_DOC =
      "Whether source connectors may create their topics with the topic.creation.* settings of"
          + " their config.";

  public static final String CONNECTOR_CLIENT_POLICY_CLASS_CONFIG =
      "connector.client.config.override.policy";
  public static final String CONNECTOR_CLIENT_POLICY_CLASS_DEFAULT = "All";
  private static final String CONNECTOR_CLIENT_POLICY_CLASS_DOC =
      "Which producer.override.*, consumer.override.* and admin.override.* settings connectors"
          + " may set: All, None, Principal, or the class of a"
          + " ConnectorClientConfigOverridePolicy.";

  public static final String CONFIG_PROVIDERS_CONFIG = "config.providers";
  private static final String CONFIG_PROVIDERS_DOC =
      "Names of config providers (config.providers.<name>.class) whose ${<name>:path:key}"
          + " references are resolved in connector configs.";

  public static final String PLUGIN_DISCOVERY_CONFIG = "plugin.discovery";
  public static final String PLUGIN_DISCOVERY_DEFAULT = "hybrid_warn";
  private static final String PLUGIN_DISCOVERY_DOC =
      "How plugins are found: only_scan (inspect every class), service_load (only"
          + " META-INF/services manifests, fastest), hybrid_warn (manifests, plus a scan of"
          + " plugins without them, with a warning) or hybrid_fail (fail on plugins without"
          + " manifests).";

  private static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              BOOTSTRAP_SERVERS_CONFIG,
              Type.LIST,
              BOOTSTRAP_SERVERS_DEFAULT,
              Importance.HIGH,
              BOOTSTRAP_SERVERS_DOC)
          .define(LISTENERS_CONFIG, Type.LIST, LISTENERS_DEFAULT, Importance.LOW, LISTENERS_DOC)
          .define(
              REST_ADVERTISED_HOST_NAME_CONFIG,
              Type.STRING,
              null,
              Importance.LOW,
              REST_ADVERTISED_HOST_NAME_DOC)
          .define(PLUGIN_PATH_CONFIG, Type.LIST, List.of(), Importance.LOW, PLUGIN_PATH_DOC)
          .define(
              PLUGIN_DISCOVERY_CONFIG,
              Type.STRING,
              PLUGIN_DISCOVERY_DEFAULT,
              ValidString.in("only_scan", "service_load", "hybrid_warn", "hybrid_fail"),
              Importance.LOW,
              PLUGIN_DISCOVERY_DOC)
          .define(
              KEY_CONVERTER_CLASS_CONFIG,
              Type.STRING,
              CONVERTER_CLASS_DEFAULT,
              Importance.HIGH,
              KEY_CONVERTER_CLASS_DOC)
          .define(
              VALUE_CONVERTER_CLASS_CONFIG,
              Type.STRING,
              CONVERTER_CLASS_DEFAULT,
              Importance.HIGH,
              VALUE_CONVERTER_CLASS_DOC)
          .define(
              HEADER_CONVERTER_CLASS_CONFIG,
              Type.STRING,
              HEADER_CONVERTER_CLASS_DEFAULT,
              Importance.LOW,
              HEADER_CONVERTER_CLASS_DOC)
          .define(
              OFFSET_STORAGE_FILE_FILENAME_CONFIG,
              Type.STRING,
              OFFSET_STORAGE_FILE_FILENAME_DEFAULT,
              Importance.HIGH,
              OFFSET_STORAGE_FILE_FILENAME_DOC)
          .define(
              CONFIG_STORAGE_FILE_FILENAME_CONFIG,
              Type.STRING,
              CONFIG_STORAGE_FILE_FILENAME_DEFAULT,
              Importance.MEDIUM,
              CONFIG_STORAGE_FILE_FILENAME_DOC)
          .define(
              OFFSET_COMMIT_INTERVAL_MS_CONFIG,
              Type.LONG,
              OFFSET_COMMIT_INTERVAL_MS_DEFAULT,
              Range.atLeast(1),
              Importance.LOW,
              OFFSET_COMMIT_INTERVAL_MS_DOC)
          .define(
              OFFSET_COMMIT_TIMEOUT_MS_CONFIG,
              Type.LONG,
              OFFSET_COMMIT_TIMEOUT_MS_DEFAULT,
              Range.atLeast(1),
              Importance.LOW,
              OFFSET_COMMIT_TIMEOUT_MS_DOC)
          .define(
              TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_CONFIG,
              Type.LONG,
              TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_DEFAULT,
              Range.atLeast(0),
              Importance.LOW,
              TASK_SHUTDOWN_GRACEFUL_TIMEOUT_MS_DOC)
          .define(
              TOPIC_CREATION_ENABLE_CONFIG,
              Type.BOOLEAN,
              true,
              Importance.LOW,
              TOPIC_CREATION_ENABLE_DOC)
          .define(
              CONNECTOR_CLIENT_POLICY_CLASS_CONFIG,
              Type.STRING,
              CONNECTOR_CLIENT_POLICY_CLASS_DEFAULT,
              Importance.MEDIUM,
              CONNECTOR_CLIENT_POLICY_CLASS_DOC)
          .define(
              CONFIG_PROVIDERS_CONFIG, Type.LIST, List.of(), Importance.LOW, CONFIG_PROVIDERS_DOC);

  public WorkerConfig(Map<String, ?> settings) {
    super(CONFIG_DEF, settings, false);
  }

  /** Every key a worker config knows, with its documentation. */
  public static ConfigDef configDef() {
    return new ConfigDef(CONFIG_DEF);
  }

  public List<String> pluginPath() {
    return getList(PLUGIN_PATH_CONFIG);
  }

  public Path offsetsFile() {
    return Path.of(getString(OFFSET_STORAGE_FILE_FILENAME_CONFIG));
  }

  public Path connectorsFile() {
    return Path.of(getString(CONFIG_STORAGE_FILE_FILENAME_CONFIG));
  }
}
