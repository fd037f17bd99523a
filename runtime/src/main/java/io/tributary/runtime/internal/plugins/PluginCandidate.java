package io.tributary.runtime.internal.plugins;

import static java.util.Objects.requireNonNull;

/**
 * A class found by a manifest or a scan that implements a plugin kind, before its version is known.
 *
 * @param pluginClass the loaded class (not initialized yet)
 * @param type the kind it was found as
 */
record PluginCandidate(Class<?> pluginClass, PluginType type) {
  PluginCandidate {
    requireNonNull(pluginClass, "pluginClass is null");
    requireNonNull(type, "type is null");
  }
}
