package io.tributary.runtime.internal.plugins;

import io.tributary.runtime.WorkerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code plugin.path} entries into plugins, as Kafka Connect lays them out:
 *
 * <ul>
 *   <li>an entry that is a jar (or zip) is one plugin, an uber-jar;
 *   <li>an entry that is a directory holds plugins: each jar directly in it is a plugin, and each
 *       subdirectory is a plugin made of every jar below it (symbolic links followed); a
 *       subdirectory with class files (a class folder rooted at the subdirectory) is on its
 *       plugin's class path too.
 * </ul>
 *
 * <p>A missing entry fails fast naming {@code plugin.path}, so a typo does not silently leave
 * connectors out. Stateless.
 */
final class PluginLocations {
  private static final Logger LOGGER = LoggerFactory.getLogger(PluginLocations.class);

  private PluginLocations() {}

  /** The plugins under the given {@code plugin.path} entries, in entry then name order. */
  static List<PluginSource> resolve(List<Path> pluginPath) {
    List<PluginSource> sources = new ArrayList<>();
    for (Path entry : pluginPath) {
      Path absolute = entry.toAbsolutePath().normalize();
      if (!Files.exists(absolute)) {
        throw new ConfigException(
            WorkerConfig.PLUGIN_PATH_CONFIG,
            entry.toString(),
            "no such file or directory ("
                + absolute
                + "); list directories of plugins or plugin jars");
      }
      if (Files.isDirectory(absolute)) {
        for (Path child : children(absolute)) {
          if (Files.isDirectory(child)) {
            directoryPlugin(child).ifPresent(sources::add);
          } else if (isArchive(child)) {
            sources.add(new PluginSource(child, List.of(toUrl(child))));
          } else if (isClassFile(child)) {
            LOGGER.warn(
                "Ignoring class file {} directly in plugin.path entry {}: put a plugin's classes in a"
                    + " directory of its own under {}",
                child.getFileName(),
                absolute,
                absolute);
          }
        }
      } else if (isArchive(absolute)) {
        sources.add(new PluginSource(absolute, List.of(toUrl(absolute))));
      } else {
        throw new ConfigException(
            WorkerConfig.PLUGIN_PATH_CONFIG,
            entry.toString(),
            "neither a directory nor a .jar/.zip file");
      }
    }
    return sources;
  }

  private static List<Path> children(Path directory) {
    try (Stream<Path> listing = Files.list(directory)) {
      return listing.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list plugin.path entry " + directory, e);
    }
  }

  private static Optional<PluginSource> directoryPlugin(Path directory) {
    TreeSet<Path> archives = new TreeSet<>();
    boolean[] hasClassFiles = {false};
    try {
      Files.walkFileTree(
          directory,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              if (isArchive(file)) {
                archives.add(file);
              } else if (isClassFile(file)) {
                hasClassFiles[0] = true;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              if (e instanceof FileSystemLoopException) {
                LOGGER.warn("Ignoring symbolic link loop at {} in plugin {}", file, directory);
                return FileVisitResult.CONTINUE;
              }
              throw new UncheckedIOException("Cannot read plugin " + directory + " at " + file, e);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read plugin " + directory, e);
    }
    List<URL> urls = new ArrayList<>();
    archives.forEach(archive -> urls.add(toUrl(archive)));
    if (hasClassFiles[0]) {
      urls.add(toUrl(directory));
    }
    if (urls.isEmpty()) {
      LOGGER.debug("Ignoring {}: no jars or classes in it", directory);
      return Optional.empty();
    }
    return Optional.of(new PluginSource(directory, urls));
  }

  static boolean isArchive(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jar") || name.endsWith(".zip");
  }

  private static boolean isClassFile(Path path) {
    return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".class");
  }

  private static URL toUrl(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("Not a usable plugin location: " + path, e);
    }
  }
}
