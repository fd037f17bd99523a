package io.tributary.runtime.internal.worker;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.internal.plugins.Plugins;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's config providers ({@code config.providers=file,env} with {@code
 * config.providers.<name>.class} and {@code config.providers.<name>.param.*}), which resolve {@code
 * ${<name>:<path>:<key>}} references in connector configs when a connector or task starts, as Kafka
 * Connect does. Stored configs and REST responses keep the references, so secrets never leave the
 * provider. AutoCloseable: closes the providers.
 */
public final class ConfigProviders implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(ConfigProviders.class);

  private final Map<String, ConfigProvider> providers;
  private final ConfigTransformer transformer;

  private ConfigProviders(Map<String, ConfigProvider> providers) {
    this.providers = providers;
    this.transformer = new ConfigTransformer(providers);
  }

  /**
   * Instantiates and configures the providers the worker config names.
   *
   * @throws ConfigException naming the key when a provider has no class or cannot be loaded
   */
  public static ConfigProviders create(WorkerConfig config, Plugins plugins) {
    requireNonNull(config, "config is null");
    requireNonNull(plugins, "plugins is null");
    Map<String, ConfigProvider> providers = new LinkedHashMap<>();
    List<String> names = config.getList(WorkerConfig.CONFIG_PROVIDERS_CONFIG);
    try {
      for (String name : names) {
        String classKey = WorkerConfig.CONFIG_PROVIDERS_CONFIG + "." + name + ".class";
        Object className = config.originals().get(classKey);
        if (className == null || className.toString().isBlank()) {
          throw new ConfigException(
              classKey,
              null,
              "config.providers names '" + name + "', so " + classKey + " must name its class");
        }
        ConfigProvider provider = plugins.newInstance(className.toString(), ConfigProvider.class);
        Map<String, Object> params =
            config.originalsWithPrefix(
                WorkerConfig.CONFIG_PROVIDERS_CONFIG + "." + name + ".param.");
        try (Plugins.LoaderSwap swap = plugins.withClassLoaderOf(provider.getClass())) {
          provider.configure(params);
        }
        providers.put(name, provider);
        LOGGER.info("Config provider {} ({}) ready", name, className);
      }
    } catch (RuntimeException e) {
      new ConfigProviders(providers).close();
      throw e;
    }
    return new ConfigProviders(providers);
  }

  /** The config with every {@code ${provider:path:key}} reference resolved. */
  public Map<String, String> resolve(Map<String, String> config) {
    if (providers.isEmpty()) {
      return config;
    }
    return transformer.transform(config).data();
  }

  @Override
  public void close() {
    for (Map.Entry<String, ConfigProvider> provider : providers.entrySet()) {
      try {
        provider.getValue().close();
      } catch (Exception e) {
        LOGGER.warn("Config provider {} failed to close", provider.getKey(), e);
      }
    }
  }
}
