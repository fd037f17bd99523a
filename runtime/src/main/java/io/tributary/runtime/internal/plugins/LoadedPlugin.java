package io.tributary.runtime.internal.plugins;

import static java.util.Objects.requireNonNull;

/**
 * A plugin a worker can use: what it reports and its class, loaded by its plugin's loader (or the
 * worker's for the class path).
 */
record LoadedPlugin(PluginDesc desc, Class<?> pluginClass) {
  LoadedPlugin {
    requireNonNull(desc, "desc is null");
    requireNonNull(pluginClass, "pluginClass is null");
  }

  String className() {
    return desc.className();
  }

  PluginType type() {
    return desc.type();
  }
}
