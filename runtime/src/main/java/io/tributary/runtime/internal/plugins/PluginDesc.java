package io.tributary.runtime.internal.plugins;

import static java.util.Objects.requireNonNull;

/**
 * One plugin class a worker found.
 *
 * @param className its fully qualified class name
 * @param type the kind of plugin
 * @param version what the plugin reports ({@code Versioned.version()}) or, failing that, the
 *     version in its jar's manifest, or {@code "undefined"}
 * @param location where it was found: a {@code plugin.path} entry (directory or uber-jar) or {@code
 *     "classpath"}
 */
public record PluginDesc(String className, PluginType type, String version, String location)
    implements Comparable<PluginDesc> {
  public PluginDesc {
    requireNonNull(className, "className is null");
    requireNonNull(type, "type is null");
    requireNonNull(version, "version is null");
    requireNonNull(location, "location is null");
  }

  @Override
  public int compareTo(PluginDesc other) {
    int byType = type.compareTo(other.type);
    return byType != 0 ? byType : className.compareTo(other.className);
  }
}
