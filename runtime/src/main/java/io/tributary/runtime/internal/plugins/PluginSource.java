package io.tributary.runtime.internal.plugins;

import static java.util.Objects.requireNonNull;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/**
 * One plugin found in {@code plugin.path}: where it is and the class path its loader gets.
 *
 * @param location the plugin: a directory under a {@code plugin.path} entry, or an uber-jar
 * @param urls its jars (and class folder), in a stable order
 */
record PluginSource(Path location, List<URL> urls) {
  PluginSource {
    requireNonNull(location, "location is null");
    urls = List.copyOf(urls);
  }
}
