package io.tributary.runtime.internal.plugins;

import static io.tributary.runtime.internal.plugins.TestingPluginJars.copyConnectFile;
import static io.tributary.runtime.internal.plugins.TestingPluginJars.jar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uber-jars, directories of jars and class folders in plugin.path, and broken plugins. */
class PluginLayoutTest {
  private static final String FILE_SOURCE =
      "org.apache.kafka.connect.file.FileStreamSourceConnector";

  @TempDir Path pluginPath;

  @Test
  void anUberJarPluginLoadsItsOwnCopyOfItsClasses() {
    // given an uber-jar carrying a class that is also on the worker's class path
    Path uberJar =
        jar()
            .withClasses(TestingSourceConnector.class)
            .withManifest(SourceConnector.class, TestingSourceConnector.class)
            .writeTo(pluginPath.resolve("uber.jar"));

    // when
    try (IsolatedPlugins plugins = IsolatedPlugins.discover(List.of(pluginPath), "hybrid_warn")) {
      // then
      assertThat(plugins.plugins(PluginType.SOURCE))
          .contains(
              new PluginDesc(
                  TestingSourceConnector.class.getName(),
                  PluginType.SOURCE,
                  "1.2.3",
                  uberJar.toString()));
      Class<? extends Connector> loaded = plugins.pluginClass("TestingSource", Connector.class);
      assertThat(loaded).isNotSameAs(TestingSourceConnector.class);
      assertThat(loaded.getClassLoader()).isInstanceOf(PluginClassLoader.class);
      assertThat(plugins.newInstance("TestingSourceConnector", Connector.class).version())
          .isEqualTo("1.2.3");
    }
  }

  @Test
  void aDirectoryOfJarsIsOnePluginAndTwoPluginsWithTheSameClassAreIsolated() {
    // given two plugins each with its own copy of connect-file, one nested in lib/
    Path first = pluginPath.resolve("file-a");
    Path second = pluginPath.resolve("file-b");
    copyConnectFile(first.resolve("lib/connect-file.jar"));
    copyConnectFile(second.resolve("connect-file.jar"));

    // when
    try (IsolatedPlugins plugins = IsolatedPlugins.discover(List.of(pluginPath), "service_load")) {
      // then
      assertThat(plugins.plugins(PluginType.SOURCE))
          .filteredOn(desc -> desc.className().equals(FILE_SOURCE))
          .extracting(PluginDesc::location)
          .containsExactlyInAnyOrder(first.toString(), second.toString());
      List<Class<?>> copies = plugins.classesNamed(FILE_SOURCE);
      assertThat(copies).hasSize(2);
      assertThat(copies.get(0)).isNotSameAs(copies.get(1));
      assertThat(copies.get(0).getClassLoader()).isNotSameAs(copies.get(1).getClassLoader());
      assertThat(plugins.pluginClass("FileStreamSource", Connector.class)).isIn(copies);
    }
  }

  @Test
  void aClassFolderPluginWorks() throws IOException {
    // given a plugin directory holding class files and a manifest, no jar
    Path plugin = pluginPath.resolve("classes-plugin");
    Path classFile =
        plugin.resolve(TestingSourceConnector.class.getName().replace('.', '/') + ".class");
    Files.createDirectories(classFile.getParent());
    try (var in =
        getClass()
            .getClassLoader()
            .getResourceAsStream(
                TestingSourceConnector.class.getName().replace('.', '/') + ".class")) {
      Files.write(classFile, in.readAllBytes());
    }
    Path manifest = plugin.resolve("META-INF/services/" + SourceConnector.class.getName());
    Files.createDirectories(manifest.getParent());
    Files.writeString(manifest, TestingSourceConnector.class.getName() + "\n");

    // when
    try (IsolatedPlugins plugins = IsolatedPlugins.discover(List.of(pluginPath), "service_load")) {
      // then
      Class<? extends Connector> loaded =
          plugins.pluginClass(TestingSourceConnector.class.getName(), Connector.class);
      assertThat(loaded.getClassLoader()).isInstanceOf(PluginClassLoader.class);
      assertThat(plugins.plugins(PluginType.SOURCE))
          .extracting(PluginDesc::location)
          .contains(plugin.toString());
    }
  }

  @Test
  void aPluginWhoseConstructorThrowsIsSkippedAndTheOthersLoad() {
    // given one jar with a broken connector beside a working one and an unversioned converter
    jar()
        .withClasses(
            TestingSourceConnector.class,
            ThrowingConstructorConnector.class,
            TestingUnversionedConverter.class)
        .withManifest(
            SourceConnector.class, ThrowingConstructorConnector.class, TestingSourceConnector.class)
        .withManifest(Converter.class, TestingUnversionedConverter.class)
        .withImplementationVersion("4.5.6")
        .writeTo(pluginPath.resolve("mixed.jar"));
    copyConnectFile(pluginPath.resolve("connect-file/connect-file.jar"));

    // when
    try (TestingLogCapture log = new TestingLogCapture(PluginDiscovery.class);
        IsolatedPlugins plugins = IsolatedPlugins.discover(List.of(pluginPath), "hybrid_warn")) {
      // then
      assertThat(TestingPluginJars.classNames(plugins.plugins(PluginType.SOURCE)))
          .contains(TestingSourceConnector.class.getName(), FILE_SOURCE)
          .doesNotContain(ThrowingConstructorConnector.class.getName());
      assertThat(log.messages(Level.WARN))
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains(ThrowingConstructorConnector.class.getName(), "broken on purpose"));
      // a plugin without Versioned gets its jar's Implementation-Version
      assertThat(plugins.plugins(PluginType.CONVERTER))
          .filteredOn(d -> d.className().equals(TestingUnversionedConverter.class.getName()))
          .singleElement()
          .satisfies(desc -> assertThat(desc.version()).isEqualTo("4.5.6"));
    }
  }

  @Test
  void aMissingPluginPathEntryFailsNamingTheKey() {
    Path missing = pluginPath.resolve("no-such-dir");
    assertThatThrownBy(() -> IsolatedPlugins.discover(List.of(missing), "hybrid_warn"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("plugin.path")
        .hasMessageContaining("no-such-dir");
  }
}
