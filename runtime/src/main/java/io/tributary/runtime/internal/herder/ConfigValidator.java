package io.tributary.runtime.internal.herder;

import java.util.List;
import java.util.Map;

/**
 * Validates connector configurations as Kafka Connect does: the common keys (with the keys of the
 * configured transforms, predicates and converters), then the connector's own.
 */
public interface ConfigValidator {
  /** Validates a connector configuration; nothing is created. */
  ConfigInfos validate(Map<String, String> config);

  /**
   * The configuration with every password-type value (by the connector's, transforms' and
   * predicates' config definitions) replaced by {@code [hidden]}.
   */
  Map<String, String> mask(Map<String, String> config);

  /** The config definition of a plugin, by class name or alias. */
  List<ConfigKeyInfo> pluginConfig(String pluginClassOrAlias);
}
