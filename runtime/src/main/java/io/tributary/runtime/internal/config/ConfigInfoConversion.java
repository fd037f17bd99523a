package io.tributary.runtime.internal.config;

import io.tributary.runtime.internal.herder.ConfigKeyInfo;
import io.tributary.runtime.internal.herder.ConfigValueInfo;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Turns Kafka's {@code ConfigKey} / {@code ConfigValue} into the REST shapes of validate responses,
 * with password values (and defaults) shown as {@code [hidden]}.
 */
final class ConfigInfoConversion {
  static final String HIDDEN = "[hidden]";

  private ConfigInfoConversion() {}

  static ConfigKeyInfo keyInfo(ConfigKey key) {
    String defaultValue;
    if (!key.hasDefault() || key.defaultValue == null) {
      defaultValue = null;
    } else if (key.type == Type.PASSWORD) {
      defaultValue = HIDDEN;
    } else {
      defaultValue = ConfigDef.convertToString(key.defaultValue, key.type);
    }
    return new ConfigKeyInfo(
        key.name,
        key.type.name(),
        !key.hasDefault(),
        defaultValue,
        key.importance == null ? null : key.importance.name(),
        key.documentation,
        key.group,
        key.orderInGroup,
        key.width == null ? null : key.width.name(),
        key.displayName,
        key.dependents == null ? List.of() : key.dependents);
  }

  /** A definition for a value no ConfigDef declares (e.g. an unknown client override). */
  static ConfigKeyInfo undeclared(String name) {
    return new ConfigKeyInfo(
        name, Type.STRING.name(), false, null, "LOW", "", null, -1, "NONE", name, List.of());
  }

  static ConfigValueInfo valueInfo(ConfigValue value, Type type) {
    String shown;
    Object raw = value.value();
    if (raw == null) {
      shown = null;
    } else if (type == Type.PASSWORD) {
      shown = HIDDEN;
    } else if (raw instanceof List<?> list) {
      shown = list.stream().map(String::valueOf).collect(Collectors.joining(","));
    } else if (raw instanceof Class<?> cls) {
      shown = cls.getName();
    } else {
      shown = raw.toString();
    }
    List<String> recommended =
        value.recommendedValues() == null
            ? List.of()
            : value.recommendedValues().stream()
                .map(v -> v instanceof Class<?> c ? c.getName() : String.valueOf(v))
                .toList();
    return new ConfigValueInfo(
        value.name(), shown, recommended, List.copyOf(value.errorMessages()), value.visible());
  }
}
