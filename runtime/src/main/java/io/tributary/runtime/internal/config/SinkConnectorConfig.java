package io.tributary.runtime.internal.config;

import io.tributary.runtime.internal.plugins.Plugins;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * A sink connector's settings: the common ones, {@code topics} or {@code topics.regex} (exactly
 * one), and the dead letter queue ({@code errors.deadletterqueue.*}; Kafka's default replication
 * factor 3 is kept, so against a single broker set {@code
 * errors.deadletterqueue.topic.replication.factor=1}). Immutable.
 */
public final class SinkConnectorConfig extends ConnectorConfig {
  public static final String TOPICS_CONFIG = "topics";
  private static final String TOPICS_DOC =
      "List of topics to consume, separated by commas. Set this or topics.regex, not both.";
  public static final String TOPICS_REGEX_CONFIG = "topics.regex";
  private static final String TOPICS_REGEX_DOC =
      "Regular expression giving topics to consume. Set this or topics, not both.";
  public static final String DLQ_TOPIC_NAME_CONFIG = "errors.deadletterqueue.topic.name";
  private static final String DLQ_TOPIC_NAME_DOC =
      "The name of the topic to be used as the dead letter queue (DLQ) for records that fail in"
          + " the sink's converters or transformations, or that the task reports as errant. Empty"
          + " (the default) means no DLQ.";
  public static final String DLQ_TOPIC_REPLICATION_FACTOR_CONFIG =
      "errors.deadletterqueue.topic.replication.factor";
  public static final short DLQ_TOPIC_REPLICATION_FACTOR_DEFAULT = 3;
  private static final String DLQ_TOPIC_REPLICATION_FACTOR_DOC =
      "Replication factor used to create the dead letter queue topic when it doesn't already"
          + " exist (set 1 against a single broker).";
  public static final String DLQ_CONTEXT_HEADERS_ENABLE_CONFIG =
      "errors.deadletterqueue.context.headers.enable";
  private static final String DLQ_CONTEXT_HEADERS_ENABLE_DOC =
      "If true, add __connect.errors.* headers with the error's context to the records written"
          + " to the dead letter queue.";

  private SinkConnectorConfig(ConfigDef def, Map<String, String> props) {
    super(def, props);
  }

  /** The keys of a sink connector, before enrichment. */
  public static ConfigDef configDef() {
    return ConnectorConfig.configDef()
        .define(
            TOPICS_CONFIG,
            Type.LIST,
            "",
            Importance.HIGH,
            TOPICS_DOC,
            COMMON_GROUP,
            4,
            Width.LONG,
            "Topics")
        .define(
            TOPICS_REGEX_CONFIG,
            Type.STRING,
            "",
            new RegexValidator(),
            Importance.HIGH,
            TOPICS_REGEX_DOC,
            COMMON_GROUP,
            4,
            Width.LONG,
            "Topics regex")
        .define(
            DLQ_TOPIC_NAME_CONFIG,
            Type.STRING,
            "",
            Importance.MEDIUM,
            DLQ_TOPIC_NAME_DOC,
            ERROR_GROUP,
            6,
            Width.MEDIUM,
            "Dead Letter Queue Topic Name")
        .define(
            DLQ_TOPIC_REPLICATION_FACTOR_CONFIG,
            Type.SHORT,
            DLQ_TOPIC_REPLICATION_FACTOR_DEFAULT,
            Importance.MEDIUM,
            DLQ_TOPIC_REPLICATION_FACTOR_DOC,
            ERROR_GROUP,
            7,
            Width.MEDIUM,
            "Dead Letter Queue Topic Replication Factor")
        .define(
            DLQ_CONTEXT_HEADERS_ENABLE_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            DLQ_CONTEXT_HEADERS_ENABLE_DOC,
            ERROR_GROUP,
            8,
            Width.MEDIUM,
            "Enable Error Context Headers");
  }

  /**
   * Parses and checks a sink connector's config.
   *
   * @throws ConfigException naming the first invalid key
   */
  public static SinkConnectorConfig parse(Plugins plugins, Map<String, String> props) {
    Map<String, ConfigValue> problems = new java.util.LinkedHashMap<>();
    validate(props, problems);
    for (ConfigValue value : problems.values()) {
      if (!value.errorMessages().isEmpty()) {
        throw new ConfigException(value.name(), value.value(), value.errorMessages().get(0));
      }
    }
    return parseWithPlugins(
        plugins,
        () ->
            new SinkConnectorConfig(
                EnrichedConfigDef.enrich(plugins, configDef(), props, true), props));
  }

  /**
   * Adds Kafka Connect's sink checks to validation results: exactly one of {@code topics} and
   * {@code topics.regex}, and the dead letter queue topic not among the consumed ones.
   */
  public static void validate(Map<String, String> props, Map<String, ConfigValue> validated) {
    String topics = props.get(TOPICS_CONFIG);
    String regex = props.get(TOPICS_REGEX_CONFIG);
    String dlq = props.getOrDefault(DLQ_TOPIC_NAME_CONFIG, "").trim();
    boolean hasTopics = topics != null && !topics.isBlank();
    boolean hasRegex = regex != null && !regex.isBlank();
    if (hasTopics && hasRegex) {
      String message =
          TOPICS_CONFIG
              + " and "
              + TOPICS_REGEX_CONFIG
              + " are mutually exclusive options, but both are set.";
      addError(validated, TOPICS_CONFIG, topics, message);
      addError(validated, TOPICS_REGEX_CONFIG, regex, message);
    }
    if (!hasTopics && !hasRegex) {
      String message = "Must configure one of " + TOPICS_CONFIG + " or " + TOPICS_REGEX_CONFIG;
      addError(validated, TOPICS_CONFIG, topics, message);
      addError(validated, TOPICS_REGEX_CONFIG, regex, message);
    }
    if (!dlq.isEmpty()) {
      if (hasTopics && parseTopics(topics).contains(dlq)) {
        addError(
            validated,
            TOPICS_CONFIG,
            topics,
            String.format(
                "The DLQ topic '%s' may not be included in the list of topics ('%s=%s') consumed by"
                    + " the connector",
                dlq, TOPICS_CONFIG, parseTopics(topics)));
      }
      if (hasRegex && matches(regex, dlq)) {
        addError(
            validated,
            TOPICS_REGEX_CONFIG,
            regex,
            String.format(
                "The DLQ topic '%s' may not be matched by the regex for the topics ('%s=%s')"
                    + " consumed by the connector",
                dlq, TOPICS_REGEX_CONFIG, regex));
      }
    }
  }

  private static boolean matches(String regex, String topic) {
    try {
      return Pattern.compile(regex).matcher(topic).matches();
    } catch (RuntimeException e) {
      return false; // reported by the regex validator
    }
  }

  private static List<String> parseTopics(String topics) {
    List<String> result = new ArrayList<>();
    for (String topic : topics.split(",")) {
      if (!topic.isBlank()) {
        result.add(topic.trim());
      }
    }
    return result;
  }

  private static void addError(
      Map<String, ConfigValue> validated, String name, String value, String message) {
    validated
        .computeIfAbsent(name, n -> new ConfigValue(n, value, new ArrayList<>(), new ArrayList<>()))
        .addErrorMessage(message);
  }

  /** The topics to subscribe to; empty when {@link #topicsRegex} is set. */
  public List<String> topics() {
    return getList(TOPICS_CONFIG).stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
  }

  /** The topic pattern to subscribe to, or null. */
  public Pattern topicsRegex() {
    String regex = getString(TOPICS_REGEX_CONFIG);
    return regex == null || regex.isBlank() ? null : Pattern.compile(regex);
  }

  /** The dead letter queue topic, or an empty string for none. */
  public String dlqTopic() {
    return getString(DLQ_TOPIC_NAME_CONFIG).trim();
  }

  public short dlqReplicationFactor() {
    return getShort(DLQ_TOPIC_REPLICATION_FACTOR_CONFIG);
  }

  public boolean dlqContextHeaders() {
    return getBoolean(DLQ_CONTEXT_HEADERS_ENABLE_CONFIG);
  }

  /** Whether records can be reported as errant: a DLQ topic or the error log is configured. */
  public boolean errantRecordReporterEnabled() {
    return !dlqTopic().isEmpty() || errorsLogEnable();
  }

  /** A valid regular expression, or empty. */
  static final class RegexValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (value == null) {
        return;
      }
      try {
        Pattern.compile((String) value);
      } catch (RuntimeException e) {
        throw new ConfigException(name, value, "Invalid regex: " + e.getMessage());
      }
    }

    @Override
    public String toString() {
      return "valid regex";
    }
  }
}
