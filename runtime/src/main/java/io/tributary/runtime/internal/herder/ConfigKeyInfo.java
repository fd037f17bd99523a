package io.tributary.runtime.internal.herder;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The definition of one config key, as Kafka Connect's {@code /connector-plugins/{plugin}/config}
 * and validate responses show it ({@code "definition"}). {@code defaultValue} is the default as a
 * string, or null when there is none.
 */
public record ConfigKeyInfo(
    String name,
    String type,
    boolean required,
    String defaultValue,
    String importance,
    String documentation,
    String group,
    int orderInGroup,
    String width,
    String displayName,
    List<String> dependents) {
  public ConfigKeyInfo {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    dependents = List.copyOf(requireNonNull(dependents, "dependents is null"));
  }
}
