package io.tributary.runtime.internal.plugins;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ClassInfoList;
import io.github.classgraph.ScanResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugin classes in one place (a plugin's class loader or the worker's class path), either
 * from {@code META-INF/services/<plugin api type>} manifests or by inspecting classes with
 * ClassGraph. Only classes that can be plugins are kept: public, concrete, with a public
 * no-argument constructor, implementing the kind's API type. Classes are loaded but not
 * initialized; nothing is instantiated here.
 *
 * <p>Stateless.
 */
final class PluginScanner {
  private static final Logger LOGGER = LoggerFactory.getLogger(PluginScanner.class);
  private static final String SERVICES = "META-INF/services/";
  private static final String SCANNED = "found by scanning";

  private PluginScanner() {}

  /** The plugin classes the plugin's own manifests name. */
  static List<PluginCandidate> fromManifests(PluginClassLoader loader) {
    return fromManifests(loader, true);
  }

  /** The plugin classes the manifests on the worker's class path name. */
  static List<PluginCandidate> fromClasspathManifests(ClassLoader workerLoader) {
    return fromManifests(workerLoader, false);
  }

  private static List<PluginCandidate> fromManifests(ClassLoader loader, boolean ownOnly) {
    List<PluginCandidate> found = new ArrayList<>();
    for (PluginType type : PluginType.values()) {
      String manifest = SERVICES + type.superClass().getName();
      Enumeration<URL> urls;
      try {
        urls =
            ownOnly
                ? ((PluginClassLoader) loader).ownResources(manifest)
                : loader.getResources(manifest);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + manifest + " in " + loader, e);
      }
      Set<String> classNames = new LinkedHashSet<>();
      for (URL url : Collections.list(urls)) {
        classNames.addAll(readManifest(url));
      }
      for (String className : classNames) {
        Class<?> loaded = load(className, loader, "named in " + manifest);
        if (loaded == null) {
          continue;
        }
        if (ownOnly && loaded.getClassLoader() != loader) {
          LOGGER.debug(
              "Ignoring {} in {}: the worker's class, not the plugin's", className, loader);
        } else if (!type.superClass().isAssignableFrom(loaded)) {
          LOGGER.warn(
              "Ignoring {} listed in {} of {}: it does not implement {}",
              className,
              manifest,
              loader,
              type.superClass().getName());
        } else if (canBePlugin(loaded)) {
          found.add(new PluginCandidate(loaded, type));
        } else {
          LOGGER.warn(
              "Ignoring {} listed in {} of {}: a plugin must be a public concrete class with a"
                  + " public no-argument constructor",
              className,
              manifest,
              loader);
        }
      }
    }
    return found;
  }

  /** Every plugin class among the plugin's own classes, found by inspecting them. */
  static List<PluginCandidate> scan(PluginClassLoader loader) {
    List<String> classNames;
    try (ScanResult result =
        new ClassGraph()
            .overrideClasspath((Object[]) loader.getURLs())
            .enableClassInfo()
            .disableNestedJarScanning()
            .scan()) {
      classNames = result.getAllStandardClasses().filter(info -> !info.isAbstract()).getNames();
    }
    List<PluginCandidate> found = new ArrayList<>();
    for (String className : classNames) {
      if (!IsolationRules.loadInIsolation(className)) {
        continue; // a shared class the plugin bundles: the worker's copy is used, not a plugin
      }
      Class<?> loaded = load(className, loader, SCANNED);
      if (loaded == null || loaded.getClassLoader() != loader || !canBePlugin(loaded)) {
        continue;
      }
      for (PluginType type : PluginType.values()) {
        if (type.superClass().isAssignableFrom(loaded)) {
          found.add(new PluginCandidate(loaded, type));
        }
      }
    }
    return found;
  }

  /**
   * Every plugin class on the worker's class path, found from the class hierarchy ClassGraph reads
   * (no class is loaded unless it implements a plugin kind).
   */
  static List<PluginCandidate> scanClasspath(ClassLoader workerLoader) {
    List<PluginCandidate> found = new ArrayList<>();
    try (ScanResult result =
        new ClassGraph()
            .overrideClassLoaders(workerLoader)
            .enableClassInfo()
            .disableModuleScanning()
            .disableNestedJarScanning()
            .scan()) {
      for (PluginType type : PluginType.values()) {
        String api = type.superClass().getName();
        ClassInfoList implementations =
            type.superClass().isInterface()
                ? result.getClassesImplementing(api)
                : result.getSubclasses(api);
        for (ClassInfo info : implementations.filter(info -> !info.isAbstract())) {
          Class<?> loaded = load(info.getName(), workerLoader, SCANNED);
          if (loaded != null && canBePlugin(loaded)) {
            found.add(new PluginCandidate(loaded, type));
          }
        }
      }
    }
    return found;
  }

  /**
   * Whether a scanned class could be a plugin: public, concrete, top-level or static nested, with a
   * public no-argument constructor. A class that cannot even be linked (a library bundled with a
   * plugin whose optional dependencies are absent, e.g. Avro without ASM) is not one.
   */
  static boolean canBePlugin(Class<?> candidate) {
    try {
      int modifiers = candidate.getModifiers();
      if (!Modifier.isPublic(modifiers)
          || Modifier.isAbstract(modifiers)
          || candidate.isInterface()
          || (candidate.getEnclosingClass() != null && !Modifier.isStatic(modifiers))) {
        return false;
      }
      return Modifier.isPublic(candidate.getConstructor().getModifiers());
    } catch (NoSuchMethodException | LinkageError e) {
      return false;
    }
  }

  private static Class<?> load(String className, ClassLoader loader, String how) {
    try {
      return Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      if (how.equals(SCANNED)) {
        // Scans meet every class, including those needing optional libraries the plugin lacks.
        LOGGER.debug(
            "Skipping class {} in {}: it cannot be loaded ({})", className, loader, e.toString());
        return null;
      }
      LOGGER.warn(
          "Ignoring class {} {} in {}: it cannot be loaded ({})",
          className,
          how,
          loader,
          e.toString());
      return null;
    }
  }

  private static List<String> readManifest(URL url) {
    List<String> classNames = new ArrayList<>();
    try {
      URLConnection connection = url.openConnection();
      // No cached JarFile: a plugin's jar must not stay open (and locked) through the cache.
      connection.setUseCaches(false);
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          int comment = line.indexOf('#');
          String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
          if (!name.isEmpty()) {
            classNames.add(name);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read service manifest " + url, e);
    }
    return classNames;
  }
}
