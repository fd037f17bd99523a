package io.tributary.runtime.internal.plugins;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin: child-first over the plugin's jars and class folders, with the
 * worker's class loader as parent for the classes {@link IsolationRules} says are shared (the JDK,
 * slf4j, the Connect API and kafka-clients). So a plugin may bring its own versions of any library
 * (Jackson, Guava, a JDBC driver) without clashing with the worker or other plugins.
 *
 * <p>Resources (e.g. {@code META-INF/services} manifests) are also looked up in the plugin first,
 * then in the worker.
 *
 * <p>Thread-safe (registered as parallel capable). Lives as long as the worker.
 */
final class PluginClassLoader extends URLClassLoader {
  static {
    ClassLoader.registerAsParallelCapable();
  }

  private final Path location;

  PluginClassLoader(Path location, List<URL> urls, ClassLoader parent) {
    super("plugin:" + location.getFileName(), urls.toArray(URL[]::new), parent);
    this.location = requireNonNull(location, "location is null");
  }

  /** The plugin.path entry (directory or jar) this loader loads. */
  Path location() {
    return location;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!IsolationRules.loadInIsolation(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        try {
          loaded = findClass(name);
        } catch (ClassNotFoundException notInPlugin) {
          // Not in the plugin: the worker's class (e.g. a library the plugin expects provided).
          loaded = super.loadClass(name, false);
        }
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  /** The plugin's own resources of this name, without the worker's. */
  Enumeration<URL> ownResources(String name) throws IOException {
    return findResources(name);
  }

  @Override
  public URL getResource(String name) {
    URL own = findResource(name);
    return own != null ? own : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
    ClassLoader parent = getParent();
    Enumeration<URL> inherited =
        parent != null ? parent.getResources(name) : ClassLoader.getSystemResources(name);
    all.addAll(Collections.list(inherited));
    return Collections.enumeration(all);
  }

  @Override
  public String toString() {
    return "PluginClassLoader{location=" + location + "}";
  }
}
