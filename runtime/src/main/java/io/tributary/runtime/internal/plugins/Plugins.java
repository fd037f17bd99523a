package io.tributary.runtime.internal.plugins;

import java.util.List;
import org.apache.kafka.common.config.ConfigException;

/**
 * The plugins a worker can use: connectors, converters, header converters, transformations,
 * predicates and config providers found on the class path and in {@code plugin.path}, each {@code
 * plugin.path} plugin in its own isolated class loader as Kafka Connect loads them.
 *
 * <p>A plugin is named by its fully qualified class name or by an alias: its simple class name, or
 * the simple name without its kind's suffix ({@code FileStreamSource} for {@code
 * FileStreamSourceConnector}), as long as the alias is unambiguous.
 *
 * <p>Code that calls into a plugin must run with the plugin's class loader as the thread's context
 * class loader ({@link #withClassLoaderOf}); task threads set it once for their whole life.
 *
 * <p>Thread-safe once built.
 */
public interface Plugins {
  /** Every plugin found, sorted by kind and class name. */
  List<PluginDesc> plugins();

  /** The plugins of one kind, sorted by class name. */
  List<PluginDesc> plugins(PluginType type);

  /**
   * The plugin class with this class name or alias that implements {@code type}.
   *
   * @throws ConfigException when there is none (the message names the class, lists the closest
   *     plugin names and says to check {@code plugin.path}) or the alias is ambiguous
   */
  <T> Class<? extends T> pluginClass(String classOrAlias, Class<T> type);

  /**
   * A new instance of the plugin class, created through its public no-argument constructor with its
   * own class loader as the context class loader.
   *
   * @throws ConfigException when the class is not found (as {@link #pluginClass}) or cannot be
   *     instantiated (the message names the class and the reason)
   */
  <T> T newInstance(String classOrAlias, Class<T> type);

  /** The class loader a plugin class was loaded by (its isolated loader, or the worker's). */
  ClassLoader classLoaderOf(Class<?> pluginClass);

  /**
   * Makes the plugin class's loader the calling thread's context class loader until the returned
   * handle is closed, which restores the previous one.
   */
  LoaderSwap withClassLoaderOf(Class<?> pluginClass);

  /** Restores the thread's previous context class loader when closed. */
  interface LoaderSwap extends AutoCloseable {
    @Override
    void close();
  }
}
