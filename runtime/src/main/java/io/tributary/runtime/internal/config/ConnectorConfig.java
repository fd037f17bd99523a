package io.tributary.runtime.internal.config;

import io.tributary.runtime.internal.errors.ErrorPolicy;
import io.tributary.runtime.internal.errors.ToleranceType;
import io.tributary.runtime.internal.plugins.Plugins;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings every connector has, with Kafka Connect's names, groups and defaults: {@code name},
 * {@code connector.class}, {@code tasks.max}, converters, {@code transforms} and {@code predicates}
 * (each alias's {@code type} and the plugin's own settings under its prefix, see {@link
 * EnrichedConfigDef}), {@code config.action.reload} and the {@code errors.*} settings. Parsing
 * fails with a {@code ConfigException} naming the key.
 *
 * <p>Immutable; build through {@link SourceConnectorConfig#parse} or {@link
 * SinkConnectorConfig#parse}.
 */
public class ConnectorConfig extends AbstractConfig {
  public static final String COMMON_GROUP = "Common";
  public static final String TRANSFORMS_GROUP = "Transforms";
  public static final String PREDICATES_GROUP = "Predicates";
  public static final String ERROR_GROUP = "Error Handling";

  public static final String NAME_CONFIG = "name";
  private static final String NAME_DOC =
      "Globally unique name to use for this connector (no ISO control characters).";
  public static final String CONNECTOR_CLASS_CONFIG = "connector.class";
  private static final String CONNECTOR_CLASS_DOC =
      "Name or alias of the class for this connector. Must be a subclass of"
          + " org.apache.kafka.connect.connector.Connector.";
  public static final String TASKS_MAX_CONFIG = "tasks.max";
  private static final String TASKS_MAX_DOC = "Maximum number of tasks to use for this connector.";
  public static final int TASKS_MAX_DEFAULT = 1;
  public static final String TASKS_MAX_ENFORCE_CONFIG = "tasks.max.enforce";
  private static final String TASKS_MAX_ENFORCE_DOC =
      "(Deprecated, as in Kafka Connect) Whether to fail a connector that generates more than"
          + " tasks.max task configs.";
  public static final String KEY_CONVERTER_CLASS_CONFIG = "key.converter";
  private static final String KEY_CONVERTER_CLASS_DOC =
      "Converter class for record keys; overrides the worker's key.converter.";
  public static final String VALUE_CONVERTER_CLASS_CONFIG = "value.converter";
  private static final String VALUE_CONVERTER_CLASS_DOC =
      "Converter class for record values; overrides the worker's value.converter.";
  public static final String HEADER_CONVERTER_CLASS_CONFIG = "header.converter";
  private static final String HEADER_CONVERTER_CLASS_DOC =
      "HeaderConverter class for header values; overrides the worker's header.converter.";
  public static final String TRANSFORMS_CONFIG = "transforms";
  private static final String TRANSFORMS_DOC =
      "Aliases for the transformations to be applied to records, in order.";
  public static final String PREDICATES_CONFIG = "predicates";
  private static final String PREDICATES_DOC =
      "Aliases for the predicates used by transformations.";
  public static final String CONFIG_RELOAD_ACTION_CONFIG = "config.action.reload";
  public static final String CONFIG_RELOAD_ACTION_RESTART = "restart";
  public static final String CONFIG_RELOAD_ACTION_NONE = "none";
  private static final String CONFIG_RELOAD_ACTION_DOC =
      "What to do when a change in the value of a config provider's parameters is detected:"
          + " 'none' does nothing, 'restart' restarts the connector.";

  public static final String ERRORS_RETRY_TIMEOUT_CONFIG = "errors.retry.timeout";
  public static final long ERRORS_RETRY_TIMEOUT_DEFAULT = 0;
  private static final String ERRORS_RETRY_TIMEOUT_DOC =
      "The maximum duration in milliseconds that a failed operation will be reattempted. 0"
          + " means no retries; -1 means infinite retries.";
  public static final String ERRORS_RETRY_MAX_DELAY_CONFIG = "errors.retry.delay.max.ms";
  public static final long ERRORS_RETRY_MAX_DELAY_DEFAULT = 60_000;
  private static final String ERRORS_RETRY_MAX_DELAY_DOC =
      "The maximum duration in milliseconds between consecutive retry attempts.";
  public static final String ERRORS_TOLERANCE_CONFIG = "errors.tolerance";
  private static final String ERRORS_TOLERANCE_DOC =
      "Behavior for tolerating errors during connector operation: 'none' (the default) makes any"
          + " error fail the task; 'all' skips problematic records.";
  public static final String ERRORS_LOG_ENABLE_CONFIG = "errors.log.enable";
  private static final String ERRORS_LOG_ENABLE_DOC =
      "If true, write each error and the details of the failed operation and problematic record"
          + " to the worker's log.";
  public static final String ERRORS_LOG_INCLUDE_MESSAGES_CONFIG = "errors.log.include.messages";
  private static final String ERRORS_LOG_INCLUDE_MESSAGES_DOC =
      "Whether to include the record's key, value and headers in the error log. Off by default"
          + " so that record contents never reach the log.";

  public static final String PRODUCER_OVERRIDES_PREFIX = "producer.override.";
  public static final String CONSUMER_OVERRIDES_PREFIX = "consumer.override.";
  public static final String ADMIN_OVERRIDES_PREFIX = "admin.override.";

  protected ConnectorConfig(ConfigDef enrichedDef, Map<String, String> props) {
    super(enrichedDef, props, false);
  }

  /** The keys every connector has, before the transforms' and predicates' are added. */
  public static ConfigDef configDef() {
    int order = 0;
    int errorOrder = 0;
    return new ConfigDef()
        .define(
            NAME_CONFIG,
            Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            new ConfigDef.NonEmptyStringWithoutControlChars(),
            Importance.HIGH,
            NAME_DOC,
            COMMON_GROUP,
            ++order,
            Width.MEDIUM,
            "Connector name")
        .define(
            CONNECTOR_CLASS_CONFIG,
            Type.STRING,
            Importance.HIGH,
            CONNECTOR_CLASS_DOC,
            COMMON_GROUP,
            ++order,
            Width.LONG,
            "Connector class")
        .define(
            TASKS_MAX_CONFIG,
            Type.INT,
            TASKS_MAX_DEFAULT,
            ConfigDef.Range.atLeast(1),
            Importance.HIGH,
            TASKS_MAX_DOC,
            COMMON_GROUP,
            ++order,
            Width.SHORT,
            "Tasks max")
        .define(
            TASKS_MAX_ENFORCE_CONFIG,
            Type.BOOLEAN,
            true,
            Importance.LOW,
            TASKS_MAX_ENFORCE_DOC,
            COMMON_GROUP,
            ++order,
            Width.SHORT,
            "Enforce tasks max")
        .define(
            KEY_CONVERTER_CLASS_CONFIG,
            Type.CLASS,
            null,
            Importance.LOW,
            KEY_CONVERTER_CLASS_DOC,
            COMMON_GROUP,
            ++order,
            Width.SHORT,
            "Key converter class")
        .define(
            VALUE_CONVERTER_CLASS_CONFIG,
            Type.CLASS,
            null,
            Importance.LOW,
            VALUE_CONVERTER_CLASS_DOC,
            COMMON_GROUP,
            ++order,
            Width.SHORT,
            "Value converter class")
        .define(
            HEADER_CONVERTER_CLASS_CONFIG,
            Type.CLASS,
            null,
            Importance.LOW,
            HEADER_CONVERTER_CLASS_DOC,
            COMMON_GROUP,
            ++order,
            Width.SHORT,
            "Header converter class")
        .define(
            TRANSFORMS_CONFIG,
            Type.LIST,
            List.of(),
            uniqueAliases("transformation"),
            Importance.LOW,
            TRANSFORMS_DOC,
            TRANSFORMS_GROUP,
            ++order,
            Width.LONG,
            "Transforms")
        .define(
            PREDICATES_CONFIG,
            Type.LIST,
            List.of(),
            uniqueAliases("predicate"),
            Importance.LOW,
            PREDICATES_DOC,
            PREDICATES_GROUP,
            ++order,
            Width.LONG,
            "Predicates")
        .define(
            CONFIG_RELOAD_ACTION_CONFIG,
            Type.STRING,
            CONFIG_RELOAD_ACTION_RESTART,
            ConfigDef.CaseInsensitiveValidString.in(
                CONFIG_RELOAD_ACTION_NONE, CONFIG_RELOAD_ACTION_RESTART),
            Importance.LOW,
            CONFIG_RELOAD_ACTION_DOC,
            COMMON_GROUP,
            ++order,
            Width.MEDIUM,
            "Reload Action")
        .define(
            ERRORS_RETRY_TIMEOUT_CONFIG,
            Type.LONG,
            ERRORS_RETRY_TIMEOUT_DEFAULT,
            ConfigDef.Range.atLeast(-1),
            Importance.MEDIUM,
            ERRORS_RETRY_TIMEOUT_DOC,
            ERROR_GROUP,
            ++errorOrder,
            Width.MEDIUM,
            "Retry Timeout for Errors")
        .define(
            ERRORS_RETRY_MAX_DELAY_CONFIG,
            Type.LONG,
            ERRORS_RETRY_MAX_DELAY_DEFAULT,
            ConfigDef.Range.atLeast(0),
            Importance.MEDIUM,
            ERRORS_RETRY_MAX_DELAY_DOC,
            ERROR_GROUP,
            ++errorOrder,
            Width.MEDIUM,
            "Maximum Delay Between Retries for Errors")
        .define(
            ERRORS_TOLERANCE_CONFIG,
            Type.STRING,
            ToleranceType.NONE.value(),
            ConfigDef.CaseInsensitiveValidString.in(
                ToleranceType.NONE.value(), ToleranceType.ALL.value()),
            Importance.MEDIUM,
            ERRORS_TOLERANCE_DOC,
            ERROR_GROUP,
            ++errorOrder,
            Width.SHORT,
            "Error Tolerance")
        .define(
            ERRORS_LOG_ENABLE_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            ERRORS_LOG_ENABLE_DOC,
            ERROR_GROUP,
            ++errorOrder,
            Width.SHORT,
            "Log Errors")
        .define(
            ERRORS_LOG_INCLUDE_MESSAGES_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            ERRORS_LOG_INCLUDE_MESSAGES_DOC,
            ERROR_GROUP,
            ++errorOrder,
            Width.SHORT,
            "Log Error Details");
  }

  private static ConfigDef.Validator uniqueAliases(String kind) {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          if (value == null) {
            throw new ConfigException(name, null, "must not be null");
          }
          List<?> aliases = (List<?>) value;
          if (aliases.size() > new HashSet<>(aliases).size()) {
            throw new ConfigException(name, value, "Duplicate alias provided.");
          }
        },
        () -> "unique " + kind + " aliases");
  }

  /** Parses under a context loader that finds plugin classes. */
  static <C> C parseWithPlugins(Plugins plugins, java.util.function.Supplier<C> parse) {
    return PluginResolvingClassLoader.withPlugins(plugins, parse);
  }

  public String name() {
    return getString(NAME_CONFIG);
  }

  public String connectorClass() {
    return getString(CONNECTOR_CLASS_CONFIG);
  }

  public int tasksMax() {
    return getInt(TASKS_MAX_CONFIG);
  }

  public boolean enforceTasksMax() {
    return getBoolean(TASKS_MAX_ENFORCE_CONFIG);
  }

  /** The transformation aliases, in order. */
  public List<String> transforms() {
    return getList(TRANSFORMS_CONFIG);
  }

  public ErrorPolicy errorPolicy() {
    return new ErrorPolicy(
        getLong(ERRORS_RETRY_TIMEOUT_CONFIG),
        getLong(ERRORS_RETRY_MAX_DELAY_CONFIG),
        ToleranceType.of(getString(ERRORS_TOLERANCE_CONFIG)));
  }

  public boolean errorsLogEnable() {
    return getBoolean(ERRORS_LOG_ENABLE_CONFIG);
  }

  public boolean errorsLogIncludeMessages() {
    return getBoolean(ERRORS_LOG_INCLUDE_MESSAGES_CONFIG);
  }
}
