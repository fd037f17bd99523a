package io.tributary.runtime.internal.plugins;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.WorkerConfig;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds every plugin of a worker: each {@code plugin.path} plugin in a class loader of its own, and
 * the worker's class path (location {@code classpath}), as {@code plugin.discovery} says.
 *
 * <p>The worker's class path is only ever read through its manifests (except in {@code only_scan},
 * where ClassGraph reads its class hierarchy), so start-up stays fast however large it is. A plugin
 * class is instantiated here only to ask its {@code Versioned.version()}; one whose constructor or
 * {@code version()} throws is skipped with a warning naming it, and the others load.
 */
final class PluginDiscovery {
  private static final Logger LOGGER = LoggerFactory.getLogger(PluginDiscovery.class);
  static final String CLASSPATH = "classpath";

  private PluginDiscovery() {}

  /** What discovery found, and the class loaders it created (closed by their owner). */
  record Found(List<LoadedPlugin> plugins, List<PluginClassLoader> loaders) {
    Found {
      plugins = List.copyOf(plugins);
      loaders = List.copyOf(loaders);
    }
  }

  static Found discover(List<Path> pluginPath, DiscoveryMode mode, ClassLoader workerLoader) {
    requireNonNull(mode, "mode is null");
    requireNonNull(workerLoader, "workerLoader is null");
    List<PluginClassLoader> loaders = new ArrayList<>();
    try {
      for (PluginSource source : PluginLocations.resolve(pluginPath)) {
        loaders.add(new PluginClassLoader(source.location(), source.urls(), workerLoader));
      }
      Map<PluginClassLoader, List<PluginCandidate>> byPlugin = new LinkedHashMap<>();
      List<Path> withoutManifests = new ArrayList<>();
      for (PluginClassLoader loader : loaders) {
        byPlugin.put(loader, candidates(loader, mode, withoutManifests));
      }
      if (mode == DiscoveryMode.HYBRID_FAIL && !withoutManifests.isEmpty()) {
        throw new ConfigException(
            WorkerConfig.PLUGIN_DISCOVERY_CONFIG,
            mode.configValue(),
            "these plugins have no META-INF/services manifests: "
                + withoutManifests
                + ". Add manifests to them (a file META-INF/services/<plugin API type> listing"
                + " their classes), or set plugin.discovery to hybrid_warn or only_scan");
      }
      List<LoadedPlugin> plugins = new ArrayList<>();
      List<PluginCandidate> onClasspath =
          mode == DiscoveryMode.ONLY_SCAN
              ? PluginScanner.scanClasspath(workerLoader)
              : PluginScanner.fromClasspathManifests(workerLoader);
      plugins.addAll(describe(onClasspath, CLASSPATH, workerLoader));
      byPlugin.forEach(
          (loader, candidates) ->
              plugins.addAll(describe(candidates, loader.location().toString(), loader)));
      return new Found(plugins, loaders);
    } catch (RuntimeException | Error e) {
      closeAll(loaders, e);
      throw e;
    }
  }

  private static List<PluginCandidate> candidates(
      PluginClassLoader loader, DiscoveryMode mode, List<Path> withoutManifests) {
    if (mode == DiscoveryMode.ONLY_SCAN) {
      return PluginScanner.scan(loader);
    }
    // "Without manifests" means no manifest names a class of the plugin's own: an uber-jar that
    // bundles connect-api carries its manifests (for the worker's classes) but maybe none of its
    // own.
    List<PluginCandidate> listed = PluginScanner.fromManifests(loader);
    if (!listed.isEmpty()) {
      return listed;
    }
    withoutManifests.add(loader.location());
    switch (mode) {
      case HYBRID_WARN -> {
        LOGGER.warn(
            "Plugin {} has no META-INF/services manifests, so it was scanned, which slows the"
                + " worker's start; it should get manifests (a file META-INF/services/<plugin API"
                + " type> listing its classes). With plugin.discovery=service_load it would not be"
                + " loaded.",
            loader.location());
        return PluginScanner.scan(loader);
      }
      case SERVICE_LOAD -> {
        LOGGER.warn(
            "Plugin {} has no META-INF/services manifests and is not loaded"
                + " (plugin.discovery=service_load); add manifests or use hybrid_warn",
            loader.location());
        return List.of();
      }
      default -> {
        return List.of(); // hybrid_fail: the caller fails naming every such plugin
      }
    }
  }

  /** The candidates with their versions, minus those that cannot be instantiated. */
  private static List<LoadedPlugin> describe(
      List<PluginCandidate> candidates, String location, ClassLoader loader) {
    Map<Class<?>, Set<PluginType>> typesByClass = new LinkedHashMap<>();
    for (PluginCandidate candidate : candidates) {
      typesByClass
          .computeIfAbsent(candidate.pluginClass(), ignored -> new LinkedHashSet<>())
          .add(candidate.type());
    }
    List<LoadedPlugin> described = new ArrayList<>();
    typesByClass.forEach(
        (pluginClass, types) -> {
          String version = version(pluginClass, location, loader);
          if (version != null) {
            for (PluginType type : types) {
              described.add(
                  new LoadedPlugin(
                      new PluginDesc(pluginClass.getName(), type, version, location), pluginClass));
            }
          }
        });
    return described;
  }

  /** The plugin's version, or null when it cannot be instantiated (then it is skipped). */
  private static String version(Class<?> pluginClass, String location, ClassLoader loader) {
    if (!Versioned.class.isAssignableFrom(pluginClass)) {
      return PluginVersions.fromManifest(pluginClass);
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Versioned instance = (Versioned) pluginClass.getConstructor().newInstance();
      String version = instance.version();
      return version == null || version.isBlank()
          ? PluginVersions.fromManifest(pluginClass)
          : version;
    } catch (InvocationTargetException e) {
      warnSkipped(pluginClass, location, e.getCause());
      return null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      warnSkipped(pluginClass, location, e);
      return null;
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static void warnSkipped(Class<?> pluginClass, String location, Throwable cause) {
    LOGGER.warn(
        "Skipping plugin {} in {}: it could not be instantiated to read its version ({})",
        pluginClass.getName(),
        location,
        String.valueOf(cause));
    LOGGER.debug(
        "Why plugin {} in {} could not be instantiated", pluginClass.getName(), location, cause);
  }

  private static void closeAll(List<PluginClassLoader> loaders, Throwable failure) {
    for (PluginClassLoader loader : loaders) {
      try {
        loader.close();
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
