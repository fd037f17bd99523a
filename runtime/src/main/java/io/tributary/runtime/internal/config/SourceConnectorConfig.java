package io.tributary.runtime.internal.config;

import io.tributary.runtime.internal.plugins.Plugins;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * A source connector's settings: the common ones and topic creation ({@code topic.creation.groups}
 * and {@code topic.creation.<group>.{include,exclude,replication.factor,partitions}} plus other
 * topic configs under the group's prefix, the {@code default} group always present). Topic creation
 * is on for a connector when the worker's {@code topic.creation.enable} is true and the connector
 * sets any {@code topic.creation.*} key; then {@code topic.creation.default.replication.factor} and
 * {@code .partitions} are required, as in Kafka Connect.
 *
 * <p>Exactly-once source support is not implemented yet: {@code exactly.once.support=required}, a
 * {@code transaction.boundary} other than {@code poll} and {@code offsets.storage.topic} are
 * rejected. Immutable.
 */
public final class SourceConnectorConfig extends ConnectorConfig {
  public static final String TOPIC_CREATION_GROUP = "Topic Creation";
  public static final String TOPIC_CREATION_PREFIX = "topic.creation.";
  public static final String TOPIC_CREATION_GROUPS_CONFIG = TOPIC_CREATION_PREFIX + "groups";
  public static final String DEFAULT_GROUP = "default";
  public static final String INCLUDE_CONFIG = "include";
  public static final String EXCLUDE_CONFIG = "exclude";
  public static final String REPLICATION_FACTOR_CONFIG = "replication.factor";
  public static final String PARTITIONS_CONFIG = "partitions";

  public static final String EXACTLY_ONCE_SUPPORT_GROUP = "Exactly Once Support";
  public static final String EXACTLY_ONCE_SUPPORT_CONFIG = "exactly.once.support";
  public static final String TRANSACTION_BOUNDARY_CONFIG = "transaction.boundary";
  public static final String TRANSACTION_BOUNDARY_INTERVAL_CONFIG =
      "transaction.boundary.interval.ms";
  public static final String OFFSETS_TOPIC_CONFIG = "offsets.storage.topic";

  private final boolean topicCreation;

  private SourceConnectorConfig(ConfigDef def, Map<String, String> props, boolean topicCreation) {
    super(def, props);
    this.topicCreation = topicCreation;
  }

  /** The keys of a source connector, before enrichment. */
  public static ConfigDef configDef() {
    return ConnectorConfig.configDef()
        .define(
            TOPIC_CREATION_GROUPS_CONFIG,
            Type.LIST,
            List.of(),
            ConfigDef.LambdaValidator.with(
                (name, value) -> {
                  List<?> groups = (List<?>) value;
                  if (groups != null && groups.size() > new LinkedHashSet<>(groups).size()) {
                    throw new ConfigException(name, value, "Duplicate alias provided.");
                  }
                },
                () -> "unique topic creation groups"),
            Importance.LOW,
            "Groups of configurations for topics created by source connectors",
            TOPIC_CREATION_GROUP,
            1,
            Width.LONG,
            "Topic Creation Groups")
        .define(
            EXACTLY_ONCE_SUPPORT_CONFIG,
            Type.STRING,
            "requested",
            ConfigDef.CaseInsensitiveValidString.in("requested", "required"),
            Importance.MEDIUM,
            "Permitted values are requested, required. Tributary does not support exactly-once"
                + " source connectors yet: 'required' is rejected.",
            EXACTLY_ONCE_SUPPORT_GROUP,
            1,
            Width.SHORT,
            "Exactly once support")
        .define(
            TRANSACTION_BOUNDARY_CONFIG,
            Type.STRING,
            "poll",
            ConfigDef.CaseInsensitiveValidString.in("poll", "interval", "connector"),
            Importance.MEDIUM,
            "Permitted values are: poll, interval, connector. Only 'poll' (the default) is"
                + " accepted until exactly-once source support exists.",
            EXACTLY_ONCE_SUPPORT_GROUP,
            2,
            Width.SHORT,
            "Transaction Boundary")
        .define(
            TRANSACTION_BOUNDARY_INTERVAL_CONFIG,
            Type.LONG,
            null,
            ConfigDef.LambdaValidator.with(
                (name, value) -> {
                  if (value != null && (Long) value < 0) {
                    throw new ConfigException(name, value, "Must be positive");
                  }
                },
                () -> "[0,...]"),
            Importance.LOW,
            "The interval for producer transaction commits when transaction.boundary=interval"
                + " (not supported yet).",
            EXACTLY_ONCE_SUPPORT_GROUP,
            3,
            Width.SHORT,
            "Transaction boundary interval")
        .define(
            OFFSETS_TOPIC_CONFIG,
            Type.STRING,
            null,
            Importance.LOW,
            "The name of a separate offsets topic for this connector (distributed mode; not"
                + " supported yet).",
            "offsets.topic",
            1,
            Width.LONG,
            "Offsets topic");
  }

  /** Whether topic creation applies: enabled on the worker and configured by the connector. */
  public static boolean usesTopicCreation(Map<String, String> props, boolean workerEnabled) {
    return workerEnabled
        && props.keySet().stream().anyMatch(k -> k.startsWith(TOPIC_CREATION_PREFIX));
  }

  /** The base definition with the topic creation groups' keys when topic creation applies. */
  public static ConfigDef enrichedBase(Map<String, String> props, boolean workerEnabled) {
    ConfigDef def = configDef();
    if (!usesTopicCreation(props, workerEnabled)) {
      return def;
    }
    for (String group : groupNames(props)) {
      boolean isDefault = DEFAULT_GROUP.equals(group);
      String prefix = TOPIC_CREATION_PREFIX + group + ".";
      String configGroup = TOPIC_CREATION_GROUP + ": " + group;
      Object rfDefault = isDefault ? ConfigDef.NO_DEFAULT_VALUE : -1;
      Object partitionsDefault = isDefault ? ConfigDef.NO_DEFAULT_VALUE : -1;
      def.define(
              prefix + INCLUDE_CONFIG,
              Type.LIST,
              isDefault ? List.of(".*") : List.of(),
              REGEX_LIST,
              Importance.LOW,
              "A list of regular expressions matching the topics this group creates.",
              configGroup,
              1,
              Width.LONG,
              "Inclusion Topic Pattern for " + group)
          .define(
              prefix + EXCLUDE_CONFIG,
              Type.LIST,
              List.of(),
              REGEX_LIST,
              Importance.LOW,
              "A list of regular expressions matching topics excluded from this group (exclusion"
                  + " wins over inclusion).",
              configGroup,
              2,
              Width.LONG,
              "Exclusion Topic Pattern for " + group)
          .define(
              prefix + REPLICATION_FACTOR_CONFIG,
              Type.INT,
              rfDefault,
              POSITIVE_OR_DEFAULT_RF,
              Importance.LOW,
              "The replication factor of new topics of this group, or -1 for the broker's default."
                  + " Required for the default group; other groups default to -1.",
              configGroup,
              3,
              Width.LONG,
              "Replication Factor for Topics in " + group)
          .define(
              prefix + PARTITIONS_CONFIG,
              Type.INT,
              partitionsDefault,
              POSITIVE_OR_DEFAULT_PARTITIONS,
              Importance.LOW,
              "The number of partitions of new topics of this group, or -1 for the broker's"
                  + " default. Required for the default group; other groups default to -1.",
              configGroup,
              4,
              Width.LONG,
              "Partition Count for Topics in " + group);
    }
    return def;
  }

  private static List<String> groupNames(Map<String, String> props) {
    List<String> names = new ArrayList<>();
    names.add(DEFAULT_GROUP);
    Object parsed =
        ConfigDef.parseType(
            TOPIC_CREATION_GROUPS_CONFIG, props.get(TOPIC_CREATION_GROUPS_CONFIG), Type.LIST);
    if (parsed instanceof List<?> list) {
      for (Object group : new LinkedHashSet<>(list)) {
        if (!DEFAULT_GROUP.equals(group)) {
          names.add((String) group);
        }
      }
    }
    return names;
  }

  /**
   * Parses and checks a source connector's config.
   *
   * @throws ConfigException naming the first invalid key
   */
  public static SourceConnectorConfig parse(
      Plugins plugins, Map<String, String> props, boolean workerTopicCreation) {
    Map<String, ConfigValue> problems = new HashMap<>();
    validate(props, problems);
    for (ConfigValue value : problems.values()) {
      if (!value.errorMessages().isEmpty()) {
        throw new ConfigException(value.name(), value.value(), value.errorMessages().get(0));
      }
    }
    boolean creation = usesTopicCreation(props, workerTopicCreation);
    ConfigDef base = enrichedBase(props, workerTopicCreation);
    return parseWithPlugins(
        plugins,
        () ->
            new SourceConnectorConfig(
                EnrichedConfigDef.enrich(plugins, base, props, true), props, creation));
  }

  /** Rejects what Tributary does not support yet: exactly-once source connectors. */
  public static void validate(Map<String, String> props, Map<String, ConfigValue> validated) {
    String support = props.get(EXACTLY_ONCE_SUPPORT_CONFIG);
    if (support != null && support.trim().equalsIgnoreCase("required")) {
      addError(
          validated,
          EXACTLY_ONCE_SUPPORT_CONFIG,
          support,
          "Tributary does not support exactly-once source connectors yet; remove "
              + EXACTLY_ONCE_SUPPORT_CONFIG
              + " or set it to 'requested'");
    }
    String boundary = props.get(TRANSACTION_BOUNDARY_CONFIG);
    if (boundary != null && !boundary.trim().equalsIgnoreCase("poll")) {
      addError(
          validated,
          TRANSACTION_BOUNDARY_CONFIG,
          boundary,
          "Tributary does not support exactly-once source connectors yet, so transaction"
              + " boundaries other than 'poll' are not available; remove "
              + TRANSACTION_BOUNDARY_CONFIG
              + " or set it to 'poll'");
    }
    String offsetsTopic = props.get(OFFSETS_TOPIC_CONFIG);
    if (offsetsTopic != null && !offsetsTopic.isBlank()) {
      addError(
          validated,
          OFFSETS_TOPIC_CONFIG,
          offsetsTopic,
          "Per-connector offsets topics are not supported yet (source offsets are kept in the"
              + " worker's offset store); remove "
              + OFFSETS_TOPIC_CONFIG);
    }
  }

  private static void addError(
      Map<String, ConfigValue> validated, String name, String value, String message) {
    validated
        .computeIfAbsent(name, n -> new ConfigValue(n, value, new ArrayList<>(), new ArrayList<>()))
        .addErrorMessage(message);
  }

  /** Whether the task creates missing topics. */
  public boolean topicCreation() {
    return topicCreation;
  }

  /**
   * The topic creation groups, in {@code topic.creation.groups} order with {@code default} last;
   * empty when topic creation does not apply.
   */
  public List<TopicCreationGroup> topicCreationGroups() {
    if (!topicCreation) {
      return List.of();
    }
    List<String> names = groupNames(originalsStrings());
    List<TopicCreationGroup> groups = new ArrayList<>();
    int defaultRf = getInt(TOPIC_CREATION_PREFIX + DEFAULT_GROUP + "." + REPLICATION_FACTOR_CONFIG);
    int defaultPartitions = getInt(TOPIC_CREATION_PREFIX + DEFAULT_GROUP + "." + PARTITIONS_CONFIG);
    for (String name : names.subList(1, names.size())) {
      groups.add(group(name, defaultRf, defaultPartitions));
    }
    groups.add(group(DEFAULT_GROUP, defaultRf, defaultPartitions));
    return groups;
  }

  private TopicCreationGroup group(String name, int defaultRf, int defaultPartitions) {
    String prefix = TOPIC_CREATION_PREFIX + name + ".";
    Set<String> own =
        Set.of(INCLUDE_CONFIG, EXCLUDE_CONFIG, REPLICATION_FACTOR_CONFIG, PARTITIONS_CONFIG);
    Map<String, String> topicConfigs = new HashMap<>();
    originalsWithPrefix(prefix)
        .forEach(
            (key, value) -> {
              if (!own.contains(key) && value != null) {
                topicConfigs.put(key, value.toString());
              }
            });
    int rf = getInt(prefix + REPLICATION_FACTOR_CONFIG);
    int partitions = getInt(prefix + PARTITIONS_CONFIG);
    boolean isDefault = DEFAULT_GROUP.equals(name);
    boolean rfSet = originals().containsKey(prefix + REPLICATION_FACTOR_CONFIG);
    boolean partitionsSet = originals().containsKey(prefix + PARTITIONS_CONFIG);
    return new TopicCreationGroup(
        name,
        patterns(getList(prefix + INCLUDE_CONFIG)),
        patterns(getList(prefix + EXCLUDE_CONFIG)),
        isDefault || rfSet ? rf : defaultRf,
        isDefault || partitionsSet ? partitions : defaultPartitions,
        topicConfigs);
  }

  private static List<Pattern> patterns(List<String> regexes) {
    return regexes.stream()
        .map(String::trim)
        .filter(r -> !r.isEmpty())
        .map(Pattern::compile)
        .toList();
  }

  private static final ConfigDef.Validator REGEX_LIST =
      ConfigDef.LambdaValidator.with(
          (name, value) -> {
            for (Object regex : (List<?>) value) {
              try {
                Pattern.compile(regex.toString().trim());
              } catch (RuntimeException e) {
                throw new ConfigException(
                    name, value, "Syntax error in regular expression: " + e.getMessage());
              }
            }
          },
          () -> "List of regular expressions");

  private static final ConfigDef.Validator POSITIVE_OR_DEFAULT_RF =
      ConfigDef.LambdaValidator.with(
          (name, value) -> {
            int rf = (Integer) value;
            if (rf != -1 && rf < 1) {
              throw new ConfigException(
                  name,
                  value,
                  "Replication factor must be positive and not larger than the number of brokers"
                      + " in the Kafka cluster, or -1 to use the broker's default");
            }
          },
          () ->
              "Positive number not larger than the number of brokers in the Kafka cluster, or -1"
                  + " to use the broker's default");

  private static final ConfigDef.Validator POSITIVE_OR_DEFAULT_PARTITIONS =
      ConfigDef.LambdaValidator.with(
          (name, value) -> {
            int partitions = (Integer) value;
            if (partitions != -1 && partitions < 1) {
              throw new ConfigException(
                  name,
                  value,
                  "Number of partitions must be positive, or -1 to use the broker's default");
            }
          },
          () -> "Positive number, or -1 to use the broker's default");
}
