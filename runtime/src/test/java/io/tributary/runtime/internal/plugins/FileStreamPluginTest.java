package io.tributary.runtime.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.tributary.runtime.WorkerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Apache's FileStream connectors, a third-party plugin, loaded from a plugin.path directory. */
class FileStreamPluginTest {
  private static final String SOURCE = "org.apache.kafka.connect.file.FileStreamSourceConnector";
  private static final String SINK = "org.apache.kafka.connect.file.FileStreamSinkConnector";
  private static final Path PLUGIN_PATH = Path.of("target/test-plugins");

  private static IsolatedPlugins plugins;
  private static List<String> discoveryLog;

  @BeforeAll
  static void discover() {
    try (TestingLogCapture log = new TestingLogCapture(IsolatedPlugins.class)) {
      plugins =
          IsolatedPlugins.discover(
              new WorkerConfig(
                  Map.of(
                      WorkerConfig.PLUGIN_PATH_CONFIG,
                      PLUGIN_PATH.toString(),
                      WorkerConfig.PLUGIN_DISCOVERY_CONFIG,
                      "service_load")));
      discoveryLog = log.messages(Level.INFO);
    }
  }

  @AfterAll
  static void close() {
    plugins.close();
  }

  @Test
  void findsTheFileStreamConnectorsAsSourceAndSinkWithTheirVersion() {
    // given the connect-file plugin in target/test-plugins/connect-file
    Path location = PLUGIN_PATH.resolve("connect-file").toAbsolutePath();

    // when / then
    assertThat(plugins.plugins(PluginType.SOURCE))
        .contains(new PluginDesc(SOURCE, PluginType.SOURCE, "3.9.1", location.toString()));
    assertThat(plugins.plugins(PluginType.SINK))
        .contains(new PluginDesc(SINK, PluginType.SINK, "3.9.1", location.toString()));
    assertThat(discoveryLog)
        .anySatisfy(line -> assertThat(line).startsWith("Discovered ").contains(" ms "));
  }

  @Test
  void loadsThemInTheirOwnClassLoaderAndNotFromTheTestClassPath() {
    // when
    Class<? extends Connector> source = plugins.pluginClass(SOURCE, Connector.class);

    // then
    assertThat(source.getClassLoader())
        .isInstanceOf(PluginClassLoader.class)
        .isNotSameAs(getClass().getClassLoader())
        .isSameAs(plugins.classLoaderOf(source));
    assertThat(SourceConnector.class).isAssignableFrom(source);
    assertThatThrownBy(() -> Class.forName(SOURCE, false, getClass().getClassLoader()))
        .isInstanceOf(ClassNotFoundException.class);
    // the Connect API is the worker's: the plugin's class implements the same SourceConnector
    assertThat(source.getSuperclass()).isSameAs(SourceConnector.class);
  }

  @Test
  void resolvesAliases() {
    assertThat(plugins.pluginClass("FileStreamSource", Connector.class).getName())
        .isEqualTo(SOURCE);
    assertThat(plugins.pluginClass("FileStreamSourceConnector", Connector.class).getName())
        .isEqualTo(SOURCE);
    assertThat(plugins.pluginClass("FileStreamSink", SinkConnector.class).getName())
        .isEqualTo(SINK);
  }

  @Test
  void createsAnInstanceWhoseConfigIsUsable() {
    // when
    SourceConnector source = plugins.newInstance("FileStreamSource", SourceConnector.class);

    // then
    assertThat(source.version()).isEqualTo("3.9.1");
    assertThat(source.config().names()).contains("file", "topic", "batch.size");
    assertThat(source.config().parse(Map.of("topic", "lines"))).containsEntry("topic", "lines");
  }

  @Test
  void swapsTheContextClassLoaderAndRestoresIt() {
    // given
    Class<? extends Connector> sink = plugins.pluginClass(SINK, Connector.class);
    ClassLoader before = Thread.currentThread().getContextClassLoader();

    // when / then
    Plugins.LoaderSwap swap = plugins.withClassLoaderOf(sink);
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(sink.getClassLoader());
    swap.close();
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
  }
}
