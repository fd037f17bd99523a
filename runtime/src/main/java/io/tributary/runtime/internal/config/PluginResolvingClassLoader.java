package io.tributary.runtime.internal.config;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.plugins.PluginType;
import io.tributary.runtime.internal.plugins.Plugins;
import org.apache.kafka.common.config.ConfigException;

/**
 * A context class loader for parsing connector configs: {@code CLASS}-type keys ({@code
 * key.converter}, {@code transforms.<alias>.type}, ...) are parsed by Kafka's {@code ConfigDef}
 * through the thread's context loader, and must find plugins in their isolated loaders. It asks the
 * worker's own loader first, then the plugins of every kind. Used only while parsing.
 */
final class PluginResolvingClassLoader extends ClassLoader {
  private final Plugins plugins;

  PluginResolvingClassLoader(Plugins plugins, ClassLoader parent) {
    super(parent);
    this.plugins = requireNonNull(plugins, "plugins is null");
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    for (PluginType type : PluginType.values()) {
      try {
        Class<?> found = plugins.pluginClass(name, type.superClass());
        if (found.getName().equals(name)) {
          return found;
        }
      } catch (ConfigException e) {
        // not a plugin of this kind
      }
    }
    throw new ClassNotFoundException(name);
  }

  /** Runs the action with a resolving loader as the context class loader. */
  static <T> T withPlugins(Plugins plugins, java.util.function.Supplier<T> action) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    ClassLoader parent =
        previous != null ? previous : PluginResolvingClassLoader.class.getClassLoader();
    thread.setContextClassLoader(new PluginResolvingClassLoader(plugins, parent));
    try {
      return action.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
