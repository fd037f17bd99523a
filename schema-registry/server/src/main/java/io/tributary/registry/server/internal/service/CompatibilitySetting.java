package io.tributary.registry.server.internal.service;

import static java.util.Objects.requireNonNull;

import io.tributary.registry.server.internal.compat.CompatibilityLevel;

/**
 * A compatibility configuration, global or of one subject: the level, and whether schemas are
 * normalized before they are registered or looked up ({@code normalize}, null when not set).
 */
public record CompatibilitySetting(CompatibilityLevel level, Boolean normalize) {
  public CompatibilitySetting {
    requireNonNull(level, "level is null");
  }
}
