package io.tributary.runtime.internal.herder;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The outcome of validating a connector configuration, as {@code PUT
 * /connector-plugins/{plugin}/config/validate} returns it: the connector class, the number of
 * errors, the config groups, and each key's definition with its validated value.
 */
public record ConfigInfos(
    String name, int errorCount, List<String> groups, List<ConfigInfo> configs) {
  public ConfigInfos {
    requireNonNull(name, "name is null");
    groups = List.copyOf(requireNonNull(groups, "groups is null"));
    configs = List.copyOf(requireNonNull(configs, "configs is null"));
  }

  /** One key: its definition and its validated value. */
  public record ConfigInfo(ConfigKeyInfo definition, ConfigValueInfo value) {
    public ConfigInfo {
      requireNonNull(definition, "definition is null");
      requireNonNull(value, "value is null");
    }
  }
}
