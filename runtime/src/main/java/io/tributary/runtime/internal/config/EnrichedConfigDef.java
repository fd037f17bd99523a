package io.tributary.runtime.internal.config;

import io.tributary.runtime.internal.plugins.Plugins;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds to a connector's {@code ConfigDef} the keys of its transformations and predicates, as Kafka
 * Connect "enriches" it: for each alias in {@code transforms} (then {@code predicates}), {@code
 * transforms.<alias>.type} (required class) and the plugin's own {@code config()} under the prefix
 * {@code transforms.<alias>.}, in the group {@code "Transforms: <alias>"}; transformations also get
 * {@code predicate} and {@code negate}.
 *
 * <p>Stateless. Must run with a context class loader that finds plugin classes.
 */
public final class EnrichedConfigDef {
  private static final Logger LOGGER = LoggerFactory.getLogger(EnrichedConfigDef.class);

  public static final String PREDICATE_CONFIG = "predicate";
  public static final String NEGATE_CONFIG = "negate";

  private EnrichedConfigDef() {}

  /**
   * The enriched definition.
   *
   * @param requireFullConfig whether a type that cannot be loaded fails (parsing) or its keys are
   *     just left out (validation, which reports the error on the type key)
   */
  public static ConfigDef enrich(
      Plugins plugins, ConfigDef base, Map<String, String> props, boolean requireFullConfig) {
    ConfigDef def = new ConfigDef(base);
    enrich(plugins, def, props, requireFullConfig, true);
    enrich(plugins, def, props, requireFullConfig, false);
    return def;
  }

  private static void enrich(
      Plugins plugins,
      ConfigDef def,
      Map<String, String> props,
      boolean requireFullConfig,
      boolean transforms) {
    String aliasConfig =
        transforms ? ConnectorConfig.TRANSFORMS_CONFIG : ConnectorConfig.PREDICATES_CONFIG;
    String kind = transforms ? "Transformation" : "Predicate";
    Class<?> baseClass = transforms ? Transformation.class : Predicate.class;
    Object parsed;
    try {
      parsed = ConfigDef.parseType(aliasConfig, props.get(aliasConfig), Type.LIST);
    } catch (ConfigException e) {
      if (requireFullConfig) {
        throw e;
      }
      return;
    }
    if (!(parsed instanceof List<?> aliases)) {
      return;
    }
    for (Object item : new LinkedHashSet<>(aliases)) {
      String alias = (String) item;
      String prefix = aliasConfig + "." + alias + ".";
      String group =
          (transforms ? ConnectorConfig.TRANSFORMS_GROUP : ConnectorConfig.PREDICATES_GROUP)
              + ": "
              + alias;
      String typeConfig = prefix + "type";
      ConfigDef.Validator typeValidator =
          ConfigDef.LambdaValidator.with(
              (name, value) -> {
                if (transforms) {
                  checkNegate(props, prefix);
                }
                if (value != null) {
                  pluginConfigDef(plugins, typeConfig, (Class<?>) value, baseClass);
                }
              },
              () -> "valid configs for " + alias + " " + kind.toLowerCase(Locale.ROOT));
      def.define(
          typeConfig,
          Type.CLASS,
          ConfigDef.NO_DEFAULT_VALUE,
          typeValidator,
          Importance.HIGH,
          "Class for the '" + alias + "' " + kind.toLowerCase(Locale.ROOT) + ".",
          group,
          0,
          Width.LONG,
          baseClass.getSimpleName() + " type for " + alias,
          List.of());
      ConfigDef own = new ConfigDef();
      if (transforms) {
        own.define(
                PREDICATE_CONFIG,
                Type.STRING,
                null,
                Importance.MEDIUM,
                "The alias of a predicate used to determine whether to apply this transformation.")
            .define(
                NEGATE_CONFIG,
                Type.BOOLEAN,
                false,
                Importance.MEDIUM,
                "Whether the configured predicate should be negated.");
      }
      try {
        Class<?> type =
            (Class<?>) ConfigDef.parseType(typeConfig, props.get(typeConfig), Type.CLASS);
        ConfigDef pluginDef = pluginConfigDef(plugins, typeConfig, type, baseClass);
        for (ConfigDef.ConfigKey key : pluginDef.configKeys().values()) {
          if (transforms && (PREDICATE_CONFIG.equals(key.name) || NEGATE_CONFIG.equals(key.name))) {
            LOGGER.warn(
                "Transformation config {} is masked by the implicit config of that name", key.name);
            continue;
          }
          own.define(key);
        }
      } catch (ConfigException e) {
        if (requireFullConfig) {
          throw e;
        }
        continue;
      }
      def.embed(prefix, group, 1, own);
    }
  }

  private static void checkNegate(Map<String, String> props, String prefix) {
    String negate = prefix + NEGATE_CONFIG;
    String predicate = prefix + PREDICATE_CONFIG;
    if (props.containsKey(negate) && !props.containsKey(predicate)) {
      throw new ConfigException(
          "Config '"
              + negate
              + "' was provided but there is no config '"
              + predicate
              + "' defining a predicate to be negated.");
    }
  }

  /** The {@code config()} of a transformation or predicate class, by instantiating it. */
  static ConfigDef pluginConfigDef(Plugins plugins, String key, Class<?> type, Class<?> baseClass) {
    if (type == null) {
      throw new ConfigException(key, null, "Not a " + baseClass.getSimpleName());
    }
    if (!baseClass.isAssignableFrom(type)) {
      throw new ConfigException(key, type.getName(), "Not a " + baseClass.getSimpleName());
    }
    Object instance;
    try {
      instance = plugins.newInstance(type.getName(), baseClass);
    } catch (RuntimeException e) {
      throw new ConfigException(
          key,
          type.getName(),
          "Error getting config definition from "
              + baseClass.getSimpleName()
              + ": "
              + e.getMessage());
    }
    ConfigDef def;
    try (Plugins.LoaderSwap swap = plugins.withClassLoaderOf(type)) {
      def =
          instance instanceof Transformation<?> transformation
              ? transformation.config()
              : ((Predicate<?>) instance).config();
    }
    if (def == null) {
      throw new ConfigException(
          key,
          type.getName(),
          type.getName() + ".config() must return a ConfigDef that is not null.");
    }
    return def;
  }
}
