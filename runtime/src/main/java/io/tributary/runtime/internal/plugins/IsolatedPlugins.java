package io.tributary.runtime.internal.plugins;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.WorkerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's {@link Plugins}: what {@link PluginDiscovery} found on the class path and in {@code
 * plugin.path}, each {@code plugin.path} plugin in its own {@link PluginClassLoader}.
 *
 * <p>A name resolves, for the kinds the asked type covers, in this order: a discovered class name
 * (the newest version when several plugins carry it, a {@code plugin.path} copy before the class
 * path's on a tie); an unambiguous alias; a Kafka Connect runtime class Tributary replaces ({@code
 * org.apache.kafka.connect.converters.ByteArrayConverter}); any class on the worker's class path
 * implementing the type, as Kafka Connect allows.
 *
 * <p>Built once at worker start; thread-safe afterwards. {@link #close()} closes the plugins' class
 * loaders when the worker is done with every plugin instance.
 */
public final class IsolatedPlugins implements Plugins, AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(IsolatedPlugins.class);

  /** Kafka Connect runtime classes (connect-runtime, not shipped) and their Tributary stand-ins. */
  private static final Map<String, String> RUNTIME_REPLACEMENTS =
      Map.of(
          "org.apache.kafka.connect.converters.ByteArrayConverter",
          "io.tributary.runtime.converters.ByteArrayConverter");

  private final ClassLoader workerLoader;
  private final List<LoadedPlugin> plugins;
  private final Map<String, List<LoadedPlugin>> byClassName;
  private final List<PluginClassLoader> loaders;

  private IsolatedPlugins(
      ClassLoader workerLoader, List<LoadedPlugin> plugins, List<PluginClassLoader> loaders) {
    this.workerLoader = workerLoader;
    this.plugins =
        plugins.stream()
            .sorted(
                Comparator.comparing(LoadedPlugin::desc)
                    .thenComparing(plugin -> plugin.desc().location()))
            .toList();
    this.byClassName =
        this.plugins.stream()
            .collect(
                Collectors.groupingBy(
                    LoadedPlugin::className, LinkedHashMap::new, Collectors.toList()));
    this.loaders = List.copyOf(loaders);
  }

  /**
   * Discovers the plugins a worker config names ({@code plugin.path}, {@code plugin.discovery}).
   */
  public static IsolatedPlugins discover(WorkerConfig config) {
    List<Path> locations = new ArrayList<>(bundledPluginPath());
    config.pluginPath().stream().map(Path::of).forEach(locations::add);
    return discover(locations, config.getString(WorkerConfig.PLUGIN_DISCOVERY_CONFIG));
  }

  /**
   * The system property through which the launcher ({@code bin/tributary}) names the plugin
   * directories Tributary ships (its own connectors, each built as a plugin directory): a
   * comma-separated list. They are loaded like {@code plugin.path} entries, each plugin in its own
   * class loader, before the user's {@code plugin.path}; entries that do not exist are skipped.
   */
  public static final String BUNDLED_PLUGIN_PATH_PROPERTY = "tributary.bundled.plugin.path";

  static List<Path> bundledPluginPath() {
    String value = System.getProperty(BUNDLED_PLUGIN_PATH_PROPERTY, "");
    List<Path> paths = new ArrayList<>();
    for (String entry : value.split(",")) {
      if (!entry.isBlank() && java.nio.file.Files.isDirectory(Path.of(entry.trim()))) {
        paths.add(Path.of(entry.trim()));
      }
    }
    return paths;
  }

  /**
   * Discovers the plugins in {@code pluginPath} and on the class path of this class's loader.
   *
   * @param discoveryMode a {@code plugin.discovery} value, e.g. {@code hybrid_warn}
   * @throws ConfigException for a missing {@code plugin.path} entry, an unknown mode, or (in {@code
   *     hybrid_fail}) plugins without manifests
   */
  public static IsolatedPlugins discover(List<Path> pluginPath, String discoveryMode) {
    return discover(
        pluginPath, DiscoveryMode.parse(discoveryMode), IsolatedPlugins.class.getClassLoader());
  }

  static IsolatedPlugins discover(
      List<Path> pluginPath, DiscoveryMode mode, ClassLoader workerLoader) {
    long start = System.nanoTime();
    PluginDiscovery.Found found = PluginDiscovery.discover(pluginPath, mode, workerLoader);
    IsolatedPlugins discovered =
        new IsolatedPlugins(workerLoader, found.plugins(), found.loaders());
    LOGGER.info(
        "Discovered {} plugins ({} plugin.path locations) in {} ms with plugin.discovery={}",
        discovered.plugins.size(),
        found.loaders().size(),
        (System.nanoTime() - start) / 1_000_000,
        mode.configValue());
    discovered.logDuplicates();
    return discovered;
  }

  @Override
  public List<PluginDesc> plugins() {
    return plugins.stream().map(LoadedPlugin::desc).toList();
  }

  @Override
  public List<PluginDesc> plugins(PluginType type) {
    requireNonNull(type, "type is null");
    return plugins.stream().filter(p -> p.type() == type).map(LoadedPlugin::desc).toList();
  }

  @Override
  public <T> Class<? extends T> pluginClass(String classOrAlias, Class<T> type) {
    requireNonNull(classOrAlias, "classOrAlias is null");
    requireNonNull(type, "type is null");
    String name = classOrAlias.trim();
    Set<PluginType> kinds = kindsOf(type);
    List<LoadedPlugin> ofKinds = plugins.stream().filter(p -> kinds.contains(p.type())).toList();

    Optional<LoadedPlugin> byName = preferred(name, ofKinds, type);
    if (byName.isPresent()) {
      return byName.get().pluginClass().asSubclass(type);
    }
    Set<String> aliased = PluginAliases.classNamesFor(name, ofKinds);
    if (aliased.size() > 1) {
      throw new ConfigException(
          "Plugin name "
              + name
              + " is ambiguous: it is an alias of "
              + aliased
              + "; use the fully qualified class name of the one you mean");
    }
    if (aliased.size() == 1) {
      Optional<LoadedPlugin> byAlias = preferred(aliased.iterator().next(), ofKinds, type);
      if (byAlias.isPresent()) {
        return byAlias.get().pluginClass().asSubclass(type);
      }
    }
    String replacement = RUNTIME_REPLACEMENTS.get(name);
    if (replacement != null) {
      Optional<LoadedPlugin> replaced = preferred(replacement, ofKinds, type);
      if (replaced.isPresent()) {
        LOGGER.info(
            "Using {} for {} (a Kafka Connect runtime class, which Tributary replaces)",
            replacement,
            name);
        return replaced.get().pluginClass().asSubclass(type);
      }
    }
    return fromWorkerClasspath(name, type, ofKinds);
  }

  @Override
  public <T> T newInstance(String classOrAlias, Class<T> type) {
    Class<? extends T> pluginClass = pluginClass(classOrAlias, type);
    LoaderSwap swap = withClassLoaderOf(pluginClass);
    try {
      return pluginClass.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new ConfigException(
          "Could not instantiate plugin "
              + pluginClass.getName()
              + ": its constructor threw "
              + e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new ConfigException("Could not instantiate plugin " + pluginClass.getName() + ": " + e);
    } finally {
      swap.close();
    }
  }

  @Override
  public ClassLoader classLoaderOf(Class<?> pluginClass) {
    ClassLoader loader = requireNonNull(pluginClass, "pluginClass is null").getClassLoader();
    return loader != null ? loader : workerLoader;
  }

  @Override
  public LoaderSwap withClassLoaderOf(Class<?> pluginClass) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(classLoaderOf(pluginClass));
    return () -> thread.setContextClassLoader(previous);
  }

  /** Closes every plugin class loader; plugin classes not loaded yet can no longer be. */
  @Override
  public void close() {
    UncheckedIOException failure = null;
    for (PluginClassLoader loader : loaders) {
      try {
        loader.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = new UncheckedIOException("Could not close plugin class loaders", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Every loaded copy of a plugin class, one per place it was found (for tests). */
  List<Class<?>> classesNamed(String className) {
    return byClassName.getOrDefault(className, List.of()).stream()
        .<Class<?>>map(LoadedPlugin::pluginClass)
        .distinct()
        .toList();
  }

  /** The newest of the plugins with this class name that implement the type, if any. */
  private static Optional<LoadedPlugin> preferred(
      String className, List<LoadedPlugin> candidates, Class<?> type) {
    return candidates.stream()
        .filter(p -> p.className().equals(className) && type.isAssignableFrom(p.pluginClass()))
        .max(
            Comparator.comparing(
                    (LoadedPlugin p) -> p.desc().version(), PluginVersions.OLDEST_FIRST)
                .thenComparing(p -> !p.desc().location().equals(PluginDiscovery.CLASSPATH)));
  }

  private <T> Class<? extends T> fromWorkerClasspath(
      String name, Class<T> type, List<LoadedPlugin> ofKinds) {
    List<LoadedPlugin> sameName = byClassName.getOrDefault(name, List.of());
    if (!sameName.isEmpty()) {
      throw new ConfigException(
          "Plugin "
              + name
              + " is a "
              + sameName.stream().map(p -> p.type().restName()).distinct().toList()
              + " plugin, not a "
              + type.getSimpleName());
    }
    if (name.contains(".")) {
      try {
        Class<?> loaded = Class.forName(name, false, workerLoader);
        if (!type.isAssignableFrom(loaded)) {
          throw new ConfigException(
              "Class "
                  + name
                  + " does not implement "
                  + type.getName()
                  + "; it cannot be used here");
        }
        if (!PluginScanner.canBePlugin(loaded)) {
          throw new ConfigException(
              "Class "
                  + name
                  + " cannot be a plugin: it must be a public concrete class with a public"
                  + " no-argument constructor");
        }
        LOGGER.debug("{} is not a discovered plugin; using it from the worker's class path", name);
        return loaded.asSubclass(type);
      } catch (ClassNotFoundException | LinkageError e) {
        // Not there either: reported below with the closest plugin names.
      }
    }
    throw new ConfigException(
        "Failed to find any class that implements "
            + type.getSimpleName()
            + " and which name matches "
            + name
            + "; the closest "
            + kindsOf(type).stream().map(PluginType::restName).toList()
            + " plugins are "
            + PluginAliases.closest(name, ofKinds)
            + ". Check the class name, and that the plugin is in a plugin.path directory.");
  }

  /** The plugin kinds whose API type is the given type or a subtype of it. */
  private static Set<PluginType> kindsOf(Class<?> type) {
    Set<PluginType> kinds = EnumSet.noneOf(PluginType.class);
    for (PluginType kind : PluginType.values()) {
      if (type.isAssignableFrom(kind.superClass())) {
        kinds.add(kind);
      }
    }
    if (kinds.isEmpty()) {
      Arrays.stream(PluginType.values())
          .filter(kind -> kind.superClass().isAssignableFrom(type))
          .forEach(kinds::add);
    }
    return kinds;
  }

  private void logDuplicates() {
    byClassName.forEach(
        (className, copies) -> {
          List<String> locations = new ArrayList<>();
          copies.forEach(
              copy -> {
                if (!locations.contains(copy.desc().location())) {
                  locations.add(copy.desc().location());
                }
              });
          if (locations.size() > 1) {
            LOGGER.info(
                "Plugin {} is in several places: {}; by name, the newest version is used",
                className,
                locations);
          }
        });
  }
}
