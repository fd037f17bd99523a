package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.internal.log.TopicConfigs;
import io.tributary.broker.internal.log.TopicInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/**
 * Describes topic and broker configs the way Apache Kafka reports them: each config's effective
 * value, where it comes from and the chain of synonyms that could supply it.
 *
 * <p>Sources, most specific first: {@code TOPIC_CONFIG} (a topic override, shown by AdminClient as
 * DYNAMIC_TOPIC_CONFIG), {@code STATIC_BROKER_CONFIG} (set in the broker's config file, e.g. {@code
 * log.retention.hours}), {@code DEFAULT_CONFIG} (the built-in default). broker-core has no dynamic
 * broker configs, so every broker config is read-only.
 *
 * <p>Immutable and thread-safe.
 */
final class ConfigDescriber {
  /** One described config. */
  record Entry(
      String name,
      String value,
      ConfigSource source,
      boolean readOnly,
      boolean sensitive,
      List<Synonym> synonyms,
      String documentation,
      ConfigType type) {
    Entry {
      requireNonNull(name, "name is null");
      requireNonNull(source, "source is null");
      synonyms = List.copyOf(synonyms);
      requireNonNull(type, "type is null");
    }
  }

  /** A config that supplies (or would supply) a value, e.g. {@code log.retention.hours}. */
  record Synonym(String name, String value, ConfigSource source) {
    Synonym {
      requireNonNull(name, "name is null");
      requireNonNull(source, "source is null");
    }
  }

  private final BrokerConfig broker;
  private final Map<String, Object> brokerValues;

  ConfigDescriber(BrokerConfig broker) {
    this.broker = requireNonNull(broker, "broker is null");
    this.brokerValues = BrokerConfig.definition().parse(broker.originals());
  }

  /** Every topic config of {@code topic}, in TopicConfigs order. */
  List<Entry> topic(TopicInfo topic) {
    Map<String, Object> merged = new HashMap<>(broker.topicDefaults());
    merged.putAll(topic.configs());
    Map<String, Object> effective = TopicConfigs.definition().parse(merged);
    List<Entry> entries = new ArrayList<>();
    for (TopicConfigs.Key key : TopicConfigs.keys()) {
      String value = ConfigDef.convertToString(effective.get(key.name()), key.type());
      List<Synonym> synonyms = new ArrayList<>();
      if (topic.configs().containsKey(key.name())) {
        synonyms.add(new Synonym(key.name(), value, ConfigSource.TOPIC_CONFIG));
      }
      synonyms.addAll(brokerSynonyms(key.brokerName()));
      entries.add(
          new Entry(
              key.name(),
              value,
              synonyms.isEmpty() ? ConfigSource.DEFAULT_CONFIG : synonyms.get(0).source(),
              false,
              key.type() == Type.PASSWORD,
              synonyms,
              key.doc(),
              configType(key.type())));
    }
    return entries;
  }

  /** Every broker config, sorted by name. */
  List<Entry> broker() {
    List<Entry> entries = new ArrayList<>();
    for (ConfigKey key : new TreeMap<>(BrokerConfig.definition().configKeys()).values()) {
      boolean sensitive = key.type == Type.PASSWORD;
      Object value = brokerValues.get(key.name);
      List<Synonym> synonyms = new ArrayList<>();
      String configured = broker.originals().get(key.name);
      if (configured != null) {
        synonyms.add(
            new Synonym(
                key.name, sensitive ? null : configured.trim(), ConfigSource.STATIC_BROKER_CONFIG));
      }
      if (key.hasDefault() && key.defaultValue != null) {
        synonyms.add(
            new Synonym(
                key.name,
                sensitive ? null : ConfigDef.convertToString(key.defaultValue, key.type),
                ConfigSource.DEFAULT_CONFIG));
      }
      entries.add(
          new Entry(
              key.name,
              sensitive ? null : ConfigDef.convertToString(value, key.type),
              configured != null ? ConfigSource.STATIC_BROKER_CONFIG : ConfigSource.DEFAULT_CONFIG,
              true,
              sensitive,
              synonyms,
              key.documentation,
              configType(key.type)));
    }
    return entries;
  }

  /**
   * The broker configs that can supply a topic config's default, in precedence order: static
   * settings first, then built-in defaults.
   */
  private List<Synonym> brokerSynonyms(String brokerName) {
    List<String> names = synonymNames(brokerName);
    List<Synonym> synonyms = new ArrayList<>();
    for (String name : names) {
      String configured = broker.originals().get(name);
      if (configured != null) {
        synonyms.add(new Synonym(name, configured.trim(), ConfigSource.STATIC_BROKER_CONFIG));
      }
    }
    for (String name : names) {
      ConfigKey key = BrokerConfig.definition().configKeys().get(name);
      if (key != null && key.hasDefault() && key.defaultValue != null) {
        synonyms.add(
            new Synonym(
                name,
                ConfigDef.convertToString(key.defaultValue, key.type),
                ConfigSource.DEFAULT_CONFIG));
      }
    }
    return synonyms;
  }

  /** Kafka's coarser-unit forms of a broker config, most precise first. */
  private static List<String> synonymNames(String brokerName) {
    return switch (brokerName) {
      case "log.retention.ms" ->
          List.of(
              brokerName,
              BrokerConfig.LOG_RETENTION_MINUTES_CONFIG,
              BrokerConfig.LOG_RETENTION_HOURS_CONFIG);
      case "log.roll.ms" -> List.of(brokerName, BrokerConfig.LOG_ROLL_HOURS_CONFIG);
      default -> List.of(brokerName);
    };
  }

  static ConfigType configType(Type type) {
    return switch (type) {
      case BOOLEAN -> ConfigType.BOOLEAN;
      case STRING -> ConfigType.STRING;
      case INT -> ConfigType.INT;
      case SHORT -> ConfigType.SHORT;
      case LONG -> ConfigType.LONG;
      case DOUBLE -> ConfigType.DOUBLE;
      case LIST -> ConfigType.LIST;
      case CLASS -> ConfigType.CLASS;
      case PASSWORD -> ConfigType.PASSWORD;
    };
  }
}
