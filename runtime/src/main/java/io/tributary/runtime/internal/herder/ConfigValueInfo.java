package io.tributary.runtime.internal.herder;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The validated value of one config key ({@code "value"} in a validate response): the value given
 * (masked when it is a password), the recommended values, the errors found and whether the key is
 * visible given the other values.
 */
public record ConfigValueInfo(
    String name,
    String value,
    List<String> recommendedValues,
    List<String> errors,
    boolean visible) {
  public ConfigValueInfo {
    requireNonNull(name, "name is null");
    recommendedValues = List.copyOf(requireNonNull(recommendedValues, "recommendedValues is null"));
    errors = List.copyOf(requireNonNull(errors, "errors is null"));
  }
}
