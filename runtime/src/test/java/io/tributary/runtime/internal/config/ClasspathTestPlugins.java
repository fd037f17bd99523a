package io.tributary.runtime.internal.config;

import io.tributary.runtime.internal.plugins.PluginDesc;
import io.tributary.runtime.internal.plugins.PluginType;
import io.tributary.runtime.internal.plugins.Plugins;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Plugins for tests: classes from the test class path by name ({@code Class.forName}), plus a few
 * aliases; every plugin shares the test class loader.
 */
public final class ClasspathTestPlugins implements Plugins {
  private final Map<String, String> aliases;

  public ClasspathTestPlugins(Map<String, String> aliases) {
    this.aliases = Map.copyOf(aliases);
  }

  public ClasspathTestPlugins() {
    this(Map.of());
  }

  @Override
  public List<PluginDesc> plugins() {
    return List.of();
  }

  @Override
  public List<PluginDesc> plugins(PluginType type) {
    return List.of();
  }

  @Override
  public <T> Class<? extends T> pluginClass(String classOrAlias, Class<T> type) {
    String name = aliases.getOrDefault(classOrAlias, classOrAlias);
    Class<?> found;
    try {
      found = Class.forName(name, false, getClass().getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ConfigException(
          "Failed to find any class that implements "
              + type.getSimpleName()
              + " and which name matches "
              + classOrAlias
              + "; check plugin.path");
    }
    if (!type.isAssignableFrom(found)) {
      throw new ConfigException(name + " is not a " + type.getSimpleName());
    }
    return found.asSubclass(type);
  }

  @Override
  public <T> T newInstance(String classOrAlias, Class<T> type) {
    Class<? extends T> cls = pluginClass(classOrAlias, type);
    try {
      return cls.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new ConfigException("Cannot instantiate " + cls.getName() + ": " + e);
    }
  }

  @Override
  public ClassLoader classLoaderOf(Class<?> pluginClass) {
    return getClass().getClassLoader();
  }

  @Override
  public LoaderSwap withClassLoaderOf(Class<?> pluginClass) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(classLoaderOf(pluginClass));
    return () -> thread.setContextClassLoader(previous);
  }
}
