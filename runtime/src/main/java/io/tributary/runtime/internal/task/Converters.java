package io.tributary.runtime.internal.task;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.internal.config.ConnectorConfig;
import io.tributary.runtime.internal.plugins.Plugins;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's key, value and header converters, built as Kafka Connect builds them: the connector's
 * {@code key.converter} / {@code value.converter} / {@code header.converter} with its own {@code
 * <kind>.converter.*} settings, or else the worker's class with the worker's settings; each given
 * {@code converter.type=key|value|header}, instantiated through its plugin and configured with its
 * plugin's class loader as context loader.
 */
public record Converters(Converter key, Converter value, HeaderConverter header)
    implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(Converters.class);

  public static final String CONVERTER_TYPE_CONFIG = "converter.type";

  public Converters {
    requireNonNull(key, "key is null");
    requireNonNull(value, "value is null");
    requireNonNull(header, "header is null");
  }

  /** Builds and configures the converters of a connector. */
  public static Converters build(
      Plugins plugins, WorkerConfig worker, Map<String, String> connectorConfig) {
    Converter key =
        converter(
            plugins, worker, connectorConfig, ConnectorConfig.KEY_CONVERTER_CLASS_CONFIG, true);
    Converter value =
        converter(
            plugins, worker, connectorConfig, ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG, false);
    String property = ConnectorConfig.HEADER_CONVERTER_CLASS_CONFIG;
    Map<String, Object> settings = settings(worker, connectorConfig, property, "header");
    HeaderConverter header =
        plugins.newInstance(className(worker, connectorConfig, property), HeaderConverter.class);
    try (Plugins.LoaderSwap swap = plugins.withClassLoaderOf(header.getClass())) {
      header.configure(settings);
    }
    return new Converters(key, value, header);
  }

  private static Converter converter(
      Plugins plugins,
      WorkerConfig worker,
      Map<String, String> connectorConfig,
      String property,
      boolean isKey) {
    Map<String, Object> settings =
        settings(worker, connectorConfig, property, isKey ? "key" : "value");
    Converter converter =
        plugins.newInstance(className(worker, connectorConfig, property), Converter.class);
    try (Plugins.LoaderSwap swap = plugins.withClassLoaderOf(converter.getClass())) {
      converter.configure(settings, isKey);
    }
    return converter;
  }

  private static String className(
      WorkerConfig worker, Map<String, String> connectorConfig, String property) {
    String own = connectorConfig.get(property);
    return own != null && !own.isBlank() ? own.trim() : worker.getString(property);
  }

  private static Map<String, Object> settings(
      WorkerConfig worker, Map<String, String> connectorConfig, String property, String type) {
    String own = connectorConfig.get(property);
    Map<String, Object> settings = new HashMap<>();
    String prefix = property + ".";
    if (own != null && !own.isBlank()) {
      connectorConfig.forEach(
          (k, v) -> {
            if (k.startsWith(prefix)) {
              settings.put(k.substring(prefix.length()), v);
            }
          });
    } else {
      settings.putAll(worker.originalsWithPrefix(prefix));
    }
    settings.put(CONVERTER_TYPE_CONFIG, type);
    return settings;
  }

  @Override
  public void close() {
    closeQuietly(key);
    closeQuietly(value);
    closeQuietly(header);
  }

  static void closeQuietly(Object plugin) {
    if (plugin instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOGGER.warn("Failed to close {}", plugin.getClass().getName(), e);
      }
    }
  }
}
