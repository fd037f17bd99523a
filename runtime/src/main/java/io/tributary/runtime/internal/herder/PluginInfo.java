package io.tributary.runtime.internal.herder;

import static java.util.Objects.requireNonNull;

/** A plugin as {@code GET /connector-plugins} lists it: class, REST type name, version. */
public record PluginInfo(String className, String type, String version) {
  public PluginInfo {
    requireNonNull(className, "className is null");
    requireNonNull(type, "type is null");
    requireNonNull(version, "version is null");
  }
}
