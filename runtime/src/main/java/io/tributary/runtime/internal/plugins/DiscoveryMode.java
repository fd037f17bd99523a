package io.tributary.runtime.internal.plugins;

import io.tributary.runtime.WorkerConfig;
import java.util.Arrays;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigException;

/** How plugins are found ({@code plugin.discovery}), with Kafka Connect's values. */
public enum DiscoveryMode {
  /** Inspect every class of every plugin (and of the class path); manifests are not read. */
  ONLY_SCAN,
  /** Read {@code META-INF/services} manifests only; plugins without them are not found. */
  SERVICE_LOAD,
  /** Manifests; a plugin without any is scanned and a warning asks for manifests. */
  HYBRID_WARN,
  /** Manifests; a plugin without any fails the worker's start, naming it. */
  HYBRID_FAIL;

  /** The mode a {@code plugin.discovery} value names, case-insensitively. */
  public static DiscoveryMode parse(String value) {
    for (DiscoveryMode mode : values()) {
      if (mode.configValue().equalsIgnoreCase(value.trim())) {
        return mode;
      }
    }
    throw new ConfigException(
        WorkerConfig.PLUGIN_DISCOVERY_CONFIG,
        value,
        "must be one of " + Arrays.stream(values()).map(DiscoveryMode::configValue).toList());
  }

  /** The value as written in a worker config, e.g. {@code hybrid_warn}. */
  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  boolean readsManifests() {
    return this != ONLY_SCAN;
  }
}
