package io.tributary.runtime.internal.config;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.internal.herder.ConfigInfos;
import io.tributary.runtime.internal.herder.ConfigInfos.ConfigInfo;
import io.tributary.runtime.internal.herder.ConfigKeyInfo;
import io.tributary.runtime.internal.herder.ConfigValidator;
import io.tributary.runtime.internal.plugins.Plugins;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.health.ConnectorType;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates connector configs as Kafka Connect's {@code PUT
 * /connector-plugins/{plugin}/config/validate} does: the connector class is resolved (an unknown or
 * missing one is an error on {@code connector.class}); the common keys are validated against the
 * enriched definition (with each transform's and predicate's own keys, and the topic creation
 * groups of sources) and the sink/source checks; the connector's own {@code validate} results are
 * added; then the {@code *.override.*} client settings are checked against the worker's override
 * policy. Groups are Kafka Connect's ("Common", "Transforms", "Predicates", "Error Handling",
 * "Topic Creation", ...). Password values are shown as {@code [hidden]}.
 *
 * <p>Thread-safe: each call builds what it needs.
 */
public final class ConnectorConfigValidator implements ConfigValidator {
  private static final Logger LOGGER = LoggerFactory.getLogger(ConnectorConfigValidator.class);

  private final Plugins plugins;
  private final WorkerConfig worker;
  private final ClientConfigs clientConfigs;

  public ConnectorConfigValidator(
      Plugins plugins, WorkerConfig worker, ClientConfigs clientConfigs) {
    this.plugins = requireNonNull(plugins, "plugins is null");
    this.worker = requireNonNull(worker, "worker is null");
    this.clientConfigs = requireNonNull(clientConfigs, "clientConfigs is null");
  }

  @Override
  public ConfigInfos validate(Map<String, String> config) {
    requireNonNull(config, "config is null");
    String className = config.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG);
    Class<? extends Connector> connectorClass;
    try {
      if (className == null || className.isBlank()) {
        throw new ConfigException(
            "Missing required configuration \""
                + ConnectorConfig.CONNECTOR_CLASS_CONFIG
                + "\" which has no default value.");
      }
      connectorClass = plugins.pluginClass(className.trim(), Connector.class);
    } catch (ConfigException e) {
      return withoutConnector(className == null ? "" : className, config, e.getMessage());
    }
    boolean sink = SinkConnector.class.isAssignableFrom(connectorClass);
    ConfigDef base =
        sink
            ? SinkConnectorConfig.configDef()
            : SourceConnectorConfig.enrichedBase(config, topicCreationEnabled());
    ConfigDef enriched =
        PluginResolvingClassLoader.withPlugins(
            plugins, () -> EnrichedConfigDef.enrich(plugins, base, config, false));
    Map<String, ConfigValue> validated =
        PluginResolvingClassLoader.withPlugins(plugins, () -> enriched.validateAll(config));
    if (sink) {
      SinkConnectorConfig.validate(config, validated);
    } else {
      SourceConnectorConfig.validate(config, validated);
    }

    // Converter problems are errors on the converter's class key: found before that key is shown.
    Results converterResults = new Results();
    validateConverter(
        config,
        validated,
        ConnectorConfig.HEADER_CONVERTER_CLASS_CONFIG,
        "header",
        converterResults);
    validateConverter(
        config, validated, ConnectorConfig.KEY_CONVERTER_CLASS_CONFIG, "key", converterResults);
    validateConverter(
        config, validated, ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG, "value", converterResults);

    Results results = new Results();
    results.addGroups(enriched.groups());
    results.addAll(enriched, validated);

    Connector connector = plugins.newInstance(className.trim(), Connector.class);
    try (Plugins.LoaderSwap swap = plugins.withClassLoaderOf(connectorClass)) {
      ConfigDef own = connector.config();
      Config ownResults = connector.validate(config);
      if (own != null) {
        results.addGroups(own.groups());
        Map<String, ConfigValue> ownValues = new LinkedHashMap<>();
        for (ConfigValue value : ownResults.configValues()) {
          ownValues.put(value.name(), value);
        }
        results.addAll(own, ownValues);
      }
    }

    results.addAll(converterResults);

    ConnectorType type = sink ? ConnectorType.SINK : ConnectorType.SOURCE;
    for (ConfigValue value : clientConfigs.validateOverrides(config, type, connectorClass)) {
      results.add(overrideKey(value.name()), value, overrideType(value.name()));
    }
    return results.toInfos(className);
  }

  /**
   * Validates the settings ({@code <property>.*}) of a converter the connector sets, against the
   * converter's own {@code config()}, as Kafka Connect does; its keys are shown with the prefix.
   */
  private void validateConverter(
      Map<String, String> config,
      Map<String, ConfigValue> validated,
      String property,
      String converterType,
      Results results) {
    String className = config.get(property);
    ConfigValue classValue = validated.get(property);
    if (className == null
        || className.isBlank()
        || classValue == null
        || !classValue.errorMessages().isEmpty()) {
      return;
    }
    Class<?> api = "header".equals(converterType) ? HeaderConverter.class : Converter.class;
    Object converter;
    try {
      converter = plugins.newInstance(className.trim(), api);
    } catch (RuntimeException e) {
      classValue.addErrorMessage("Failed to load class " + className + ": " + e.getMessage());
      return;
    }
    try (Plugins.LoaderSwap swap = plugins.withClassLoaderOf(converter.getClass())) {
      ConfigDef def = configOf(converter);
      if (def == null) {
        return;
      }
      String prefix = property + ".";
      Map<String, String> settings = new LinkedHashMap<>();
      config.forEach(
          (key, value) -> {
            if (key.startsWith(prefix)) {
              settings.put(key.substring(prefix.length()), value);
            }
          });
      settings.putIfAbsent("converter.type", converterType);
      for (ConfigValue value : def.validate(settings)) {
        ConfigKey key = def.configKeys().get(value.name());
        ConfigKeyInfo info =
            key == null
                ? ConfigInfoConversion.undeclared(prefix + value.name())
                : prefixed(prefix, ConfigInfoConversion.keyInfo(key));
        ConfigValue named =
            new ConfigValue(
                prefix + value.name(),
                value.value(),
                value.recommendedValues(),
                value.errorMessages());
        named.visible(value.visible());
        results.add(info, named, key == null ? Type.STRING : key.type);
      }
    } catch (RuntimeException e) {
      classValue.addErrorMessage(
          "Failed to perform config validation for "
              + converterType
              + " converter: "
              + e.getMessage());
    } finally {
      if (converter instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOGGER.debug("Failed to close converter {}", className, e);
        }
      }
    }
  }

  private static ConfigKeyInfo prefixed(String prefix, ConfigKeyInfo info) {
    return new ConfigKeyInfo(
        prefix + info.name(),
        info.type(),
        info.required(),
        info.defaultValue(),
        info.importance(),
        info.documentation(),
        info.group(),
        info.orderInGroup(),
        info.width(),
        info.displayName(),
        info.dependents().stream().map(d -> prefix + d).toList());
  }

  private boolean topicCreationEnabled() {
    return worker.getBoolean(WorkerConfig.TOPIC_CREATION_ENABLE_CONFIG);
  }

  /** The common keys validated, with the connector class's error. */
  private ConfigInfos withoutConnector(String className, Map<String, String> config, String error) {
    ConfigDef def = ConnectorConfig.configDef();
    Map<String, ConfigValue> validated =
        PluginResolvingClassLoader.withPlugins(plugins, () -> def.validateAll(config));
    validated
        .computeIfAbsent(
            ConnectorConfig.CONNECTOR_CLASS_CONFIG,
            n -> new ConfigValue(n, className, new ArrayList<>(), new ArrayList<>()))
        .addErrorMessage(error);
    Results results = new Results();
    results.addGroups(def.groups());
    results.addAll(def, validated);
    return results.toInfos(className);
  }

  private static ConfigKeyInfo overrideKey(String fullName) {
    for (Map.Entry<String, ConfigDef> client : CLIENT_DEFS.entrySet()) {
      if (fullName.startsWith(client.getKey())) {
        ConfigKey key =
            client.getValue().configKeys().get(fullName.substring(client.getKey().length()));
        if (key != null) {
          ConfigKeyInfo info = ConfigInfoConversion.keyInfo(key);
          return new ConfigKeyInfo(
              fullName,
              info.type(),
              false,
              info.defaultValue(),
              info.importance(),
              info.documentation(),
              null,
              -1,
              info.width(),
              fullName,
              List.of());
        }
      }
    }
    return ConfigInfoConversion.undeclared(fullName);
  }

  private static Type overrideType(String fullName) {
    for (Map.Entry<String, ConfigDef> client : CLIENT_DEFS.entrySet()) {
      if (fullName.startsWith(client.getKey())) {
        ConfigKey key =
            client.getValue().configKeys().get(fullName.substring(client.getKey().length()));
        return key == null ? Type.STRING : key.type;
      }
    }
    return Type.STRING;
  }

  private static final Map<String, ConfigDef> CLIENT_DEFS =
      Map.of(
          ConnectorConfig.PRODUCER_OVERRIDES_PREFIX, ProducerConfig.configDef(),
          ConnectorConfig.CONSUMER_OVERRIDES_PREFIX, ConsumerConfig.configDef(),
          ConnectorConfig.ADMIN_OVERRIDES_PREFIX, AdminClientConfig.configDef());

  @Override
  public Map<String, String> mask(Map<String, String> config) {
    Set<String> passwords = new HashSet<>();
    try {
      String className = config.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG);
      ConfigDef base = ConnectorConfig.configDef();
      if (className != null) {
        Class<? extends Connector> connectorClass =
            plugins.pluginClass(className.trim(), Connector.class);
        base =
            SinkConnector.class.isAssignableFrom(connectorClass)
                ? SinkConnectorConfig.configDef()
                : SourceConnectorConfig.enrichedBase(config, topicCreationEnabled());
        Connector connector = plugins.newInstance(className.trim(), Connector.class);
        try (Plugins.LoaderSwap swap = plugins.withClassLoaderOf(connectorClass)) {
          ConfigDef own = connector.config();
          if (own != null) {
            addPasswords(own, "", passwords);
          }
        }
      }
      ConfigDef common = base;
      ConfigDef enriched =
          PluginResolvingClassLoader.withPlugins(
              plugins, () -> EnrichedConfigDef.enrich(plugins, common, config, false));
      addPasswords(enriched, "", passwords);
    } catch (RuntimeException e) {
      LOGGER.debug("Masking with the common definitions only: {}", e.toString());
    }
    CLIENT_DEFS.forEach((prefix, def) -> addPasswords(def, prefix, passwords));
    Map<String, String> masked = new LinkedHashMap<>();
    config.forEach(
        (key, value) ->
            masked.put(
                key,
                passwords.contains(key) && value != null ? ConfigInfoConversion.HIDDEN : value));
    return masked;
  }

  private static void addPasswords(ConfigDef def, String prefix, Set<String> passwords) {
    for (ConfigKey key : def.configKeys().values()) {
      if (key.type == Type.PASSWORD) {
        passwords.add(prefix + key.name);
      }
    }
  }

  @Override
  public List<ConfigKeyInfo> pluginConfig(String pluginClassOrAlias) {
    ConfigException notFound = null;
    for (Class<?> type :
        List.of(
            Connector.class,
            Converter.class,
            HeaderConverter.class,
            Transformation.class,
            Predicate.class)) {
      Class<?> pluginClass;
      try {
        pluginClass = plugins.pluginClass(pluginClassOrAlias, type);
      } catch (ConfigException e) {
        notFound = notFound == null ? e : notFound;
        continue;
      }
      Object instance = plugins.newInstance(pluginClass.getName(), type);
      ConfigDef def;
      try (Plugins.LoaderSwap swap = plugins.withClassLoaderOf(pluginClass)) {
        def = configOf(instance);
      }
      List<ConfigKeyInfo> keys = new ArrayList<>();
      if (def != null) {
        for (ConfigKey key : def.configKeys().values()) {
          keys.add(ConfigInfoConversion.keyInfo(key));
        }
      }
      return keys;
    }
    throw notFound;
  }

  private static ConfigDef configOf(Object plugin) {
    if (plugin instanceof Connector connector) {
      return connector.config();
    } else if (plugin instanceof Converter converter) {
      return converter.config();
    } else if (plugin instanceof HeaderConverter converter) {
      return converter.config();
    } else if (plugin instanceof Transformation<?> transformation) {
      return transformation.config();
    } else {
      return ((Predicate<?>) plugin).config();
    }
  }

  /** Validation results in definition order, with their groups. */
  private static final class Results {
    private final Set<String> groups = new LinkedHashSet<>();
    private final List<ConfigInfo> configs = new ArrayList<>();
    private int errorCount;

    void addGroups(List<String> more) {
      groups.addAll(more);
    }

    void addAll(ConfigDef def, Map<String, ConfigValue> values) {
      for (ConfigKey key : def.configKeys().values()) {
        ConfigValue value = values.get(key.name);
        if (value != null) {
          add(ConfigInfoConversion.keyInfo(key), value, key.type);
        }
      }
      for (ConfigValue value : values.values()) {
        if (!def.configKeys().containsKey(value.name())) {
          add(ConfigInfoConversion.undeclared(value.name()), value, Type.STRING);
        }
      }
    }

    void addAll(Results other) {
      configs.addAll(other.configs);
      errorCount += other.errorCount;
    }

    void add(ConfigKeyInfo key, ConfigValue value, Type type) {
      errorCount += value.errorMessages().size();
      configs.add(new ConfigInfo(key, ConfigInfoConversion.valueInfo(value, type)));
    }

    ConfigInfos toInfos(String name) {
      return new ConfigInfos(name, errorCount, List.copyOf(groups), configs);
    }
  }
}
