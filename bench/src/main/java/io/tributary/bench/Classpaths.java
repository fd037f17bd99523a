package io.tributary.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Builds classpaths from a module's {@code target/} folder. */
final class Classpaths {
  private Classpaths() {}

  /**
   * {@code target/<prefix>*.jar} (the main jar, not sources or tests) plus {@code target/lib/*};
   * fails with a hint to build when either is missing.
   */
  static String jarAndLib(Path target, String jarPrefix) {
    Path lib = target.resolve("lib");
    List<Path> jars;
    try (Stream<Path> files = Files.list(target)) {
      jars =
          files
              .filter(p -> p.getFileName().toString().startsWith(jarPrefix))
              .filter(p -> p.getFileName().toString().endsWith(".jar"))
              .filter(p -> !p.getFileName().toString().matches(".*-(sources|tests|javadoc)\\.jar"))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list " + target + "; build it first (mvn -B -pl bench -am package)", e);
    }
    if (jars.size() != 1 || !Files.isDirectory(lib)) {
      throw new IllegalStateException(
          "Expected one "
              + jarPrefix
              + "*.jar and a lib/ folder in "
              + target
              + ", found "
              + jars
              + "; build it first (mvn -B -pl bench -am package)");
    }
    return jars.get(0) + File.pathSeparator + lib + File.separator + "*";
  }
}
