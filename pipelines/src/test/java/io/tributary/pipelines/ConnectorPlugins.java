package io.tributary.pipelines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The connectors' plugin directories as a worker's {@code plugin.path}: a folder holding links to
 * {@code connectors/jdbc/target/plugin} and {@code connectors/hdfs/target/plugin}, which the
 * reactor builds before this module (bin/tributary bundles them the same way).
 */
final class ConnectorPlugins {
  static final Path CONNECTORS = Path.of("..", "connectors").toAbsolutePath().normalize();

  private ConnectorPlugins() {}

  /** Creates {@code dir} with one link per connector plugin and returns it. */
  static Path linkInto(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String connector : new String[] {"jdbc", "hdfs"}) {
      Path plugin = CONNECTORS.resolve(connector).resolve("target").resolve("plugin");
      if (!Files.isDirectory(plugin)) {
        throw new IllegalStateException(
            "No plugin directory "
                + plugin
                + ": build the connectors first (mvn verify -pl pipelines -am builds them)");
      }
      Files.createSymbolicLink(dir.resolve(connector), plugin);
    }
    return dir;
  }
}
