package io.tributary.runtime.internal.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds small plugin jars for tests from this module's compiled test classes. */
final class TestingPluginJars {
  /** Apache's connect-file jar, copied by the build into a plugin.path directory. */
  static final Path CONNECT_FILE_JAR =
      Path.of("target/test-plugins/connect-file/connect-file-3.9.1.jar");

  private final Map<String, byte[]> entries = new LinkedHashMap<>();
  private String implementationVersion;

  static TestingPluginJars jar() {
    return new TestingPluginJars();
  }

  /** Adds the class files of these classes (top-level classes without nested ones). */
  TestingPluginJars withClasses(Class<?>... classes) {
    for (Class<?> type : classes) {
      String resource = type.getName().replace('.', '/') + ".class";
      try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("No class file for " + type.getName());
        }
        entries.put(resource, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return this;
  }

  /** Adds a META-INF/services manifest for the API type listing the classes. */
  TestingPluginJars withManifest(Class<?> apiType, Class<?>... classes) {
    StringBuilder text = new StringBuilder("# a service manifest\n");
    for (Class<?> type : classes) {
      text.append(type.getName()).append('\n');
    }
    entries.put(
        "META-INF/services/" + apiType.getName(), text.toString().getBytes(StandardCharsets.UTF_8));
    return this;
  }

  TestingPluginJars withImplementationVersion(String version) {
    this.implementationVersion = version;
    return this;
  }

  /** Writes the jar and returns its path. */
  Path writeTo(Path jar) {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (implementationVersion != null) {
      manifest
          .getMainAttributes()
          .put(Attributes.Name.IMPLEMENTATION_VERSION, implementationVersion);
    }
    try {
      Files.createDirectories(jar.getParent());
      try (OutputStream file = Files.newOutputStream(jar);
          JarOutputStream out = new JarOutputStream(file, manifest)) {
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
          out.putNextEntry(new JarEntry(entry.getKey()));
          out.write(entry.getValue());
          out.closeEntry();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }

  /** Copies Apache's connect-file jar to the target path (creating its folders). */
  static Path copyConnectFile(Path target) {
    try {
      Files.createDirectories(target.getParent());
      return Files.copy(CONNECT_FILE_JAR, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> classNames(List<PluginDesc> descs) {
    return descs.stream().map(PluginDesc::className).toList();
  }
}
