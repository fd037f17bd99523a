package io.tributary.runtime.internal.plugins;

import static io.tributary.runtime.internal.plugins.TestingPluginJars.classNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.tributary.runtime.converters.ByteArrayConverter;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plugins on the worker's own class path: connect-api, connect-json, connect-transforms. */
class ClasspathPluginsTest {
  private static IsolatedPlugins plugins;

  @BeforeAll
  static void discover() {
    plugins = IsolatedPlugins.discover(List.of(), "hybrid_warn");
  }

  @AfterAll
  static void close() {
    plugins.close();
  }

  @Test
  void findsApacheTransformsPredicatesAndConvertersOnTheClassPath() {
    assertThat(classNames(plugins.plugins(PluginType.TRANSFORMATION)))
        .contains(
            "org.apache.kafka.connect.transforms.InsertField$Value",
            "org.apache.kafka.connect.transforms.RegexRouter");
    assertThat(classNames(plugins.plugins(PluginType.PREDICATE)))
        .contains("org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
    assertThat(classNames(plugins.plugins(PluginType.CONVERTER)))
        .contains(
            "org.apache.kafka.connect.json.JsonConverter",
            "org.apache.kafka.connect.storage.StringConverter",
            ByteArrayConverter.class.getName());
    assertThat(classNames(plugins.plugins(PluginType.HEADER_CONVERTER)))
        .contains(
            "org.apache.kafka.connect.json.JsonConverter",
            "org.apache.kafka.connect.storage.SimpleHeaderConverter",
            ByteArrayConverter.class.getName());
    assertThat(classNames(plugins.plugins(PluginType.CONFIG_PROVIDER)))
        .contains("org.apache.kafka.common.config.provider.FileConfigProvider");
    assertThat(plugins.plugins())
        .allSatisfy(desc -> assertThat(desc.location()).isEqualTo("classpath"))
        .isSorted();
  }

  @Test
  void classPathPluginsAreLoadedByTheWorkersLoader() {
    Class<?> json = plugins.pluginClass("JsonConverter", Converter.class);
    assertThat(json.getClassLoader()).isSameAs(IsolatedPlugins.class.getClassLoader());
    assertThat(plugins.classLoaderOf(json)).isSameAs(IsolatedPlugins.class.getClassLoader());
  }

  @Test
  void reportsVersionsOfVersionedPlugins() {
    assertThat(plugins.plugins(PluginType.CONVERTER))
        .filteredOn(desc -> desc.className().equals("org.apache.kafka.connect.json.JsonConverter"))
        .singleElement()
        .satisfies(desc -> assertThat(desc.version()).isEqualTo("3.9.1"));
  }

  @Test
  void resolvesKafkaConnectAliases() {
    assertThat(plugins.pluginClass("Json", Converter.class).getName())
        .isEqualTo("org.apache.kafka.connect.json.JsonConverter");
    assertThat(plugins.pluginClass("String", Converter.class).getName())
        .isEqualTo("org.apache.kafka.connect.storage.StringConverter");
    assertThat(plugins.pluginClass("SimpleHeaderConverter", HeaderConverter.class).getName())
        .isEqualTo("org.apache.kafka.connect.storage.SimpleHeaderConverter");
    assertThat(plugins.pluginClass("RegexRouter", Transformation.class).getName())
        .isEqualTo("org.apache.kafka.connect.transforms.RegexRouter");
    assertThat(plugins.pluginClass("TopicNameMatches", Predicate.class).getName())
        .isEqualTo("org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
    assertThat(plugins.pluginClass("File", ConfigProvider.class).getName())
        .isEqualTo("org.apache.kafka.common.config.provider.FileConfigProvider");
    assertThat(plugins.pluginClass("ByteArray", Converter.class))
        .isEqualTo(ByteArrayConverter.class);
  }

  @Test
  void kafkaConnectsRuntimeByteArrayConverterIsTributarys() {
    try (TestingLogCapture log = new TestingLogCapture(IsolatedPlugins.class)) {
      // when
      Converter converter =
          plugins.newInstance(
              "org.apache.kafka.connect.converters.ByteArrayConverter", Converter.class);
      HeaderConverter headers =
          plugins.newInstance(
              "org.apache.kafka.connect.converters.ByteArrayConverter", HeaderConverter.class);

      // then
      assertThat(converter).isInstanceOf(ByteArrayConverter.class);
      assertThat(headers).isInstanceOf(ByteArrayConverter.class);
      assertThat(log.messages(Level.INFO))
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains(
                          ByteArrayConverter.class.getName(),
                          "org.apache.kafka.connect.converters.ByteArrayConverter"));
    }
  }

  @Test
  void aNestedClassAliasSharedByManyTransformsIsAmbiguous() {
    assertThatThrownBy(() -> plugins.pluginClass("Value", Transformation.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ambiguous")
        .hasMessageContaining("org.apache.kafka.connect.transforms.InsertField$Value")
        .hasMessageContaining("org.apache.kafka.connect.transforms.Cast$Value");
  }

  @Test
  void anUnknownClassIsRejectedWithTheClosestNames() {
    assertThatThrownBy(() -> plugins.pluginClass("org.example.JsonConverterr", Converter.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("org.example.JsonConverterr")
        .hasMessageContaining("org.apache.kafka.connect.json.JsonConverter")
        .hasMessageContaining("plugin.path");
    assertThatThrownBy(() -> plugins.pluginClass("RegexRoutr", Transformation.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("closest")
        .hasMessageContaining("org.apache.kafka.connect.transforms.RegexRouter");
  }

  @Test
  void aPluginOfAnotherKindIsRejectedNamingItsKind() {
    assertThatThrownBy(() -> plugins.pluginClass("RegexRouter", Converter.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("RegexRouter");
    assertThatThrownBy(
            () ->
                plugins.pluginClass("org.apache.kafka.connect.json.JsonConverter", Connector.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("org.apache.kafka.connect.json.JsonConverter is a [converter,")
        .hasMessageContaining("not a Connector");
  }

  @Test
  void aClassOnTheClassPathWithoutManifestIsUsableByItsName() {
    // TestingSourceConnector is on the test class path but in no manifest (Kafka Connect allows it)
    Class<? extends Connector> connector =
        plugins.pluginClass(TestingSourceConnector.class.getName(), Connector.class);
    assertThat(connector).isSameAs(TestingSourceConnector.class);
    assertThat(classNames(plugins.plugins(PluginType.SOURCE)))
        .doesNotContain(TestingSourceConnector.class.getName());
  }

  @Test
  void aConstructorThatThrowsFailsNewInstanceNamingTheClassAndTheReason() {
    assertThatThrownBy(
            () ->
                plugins.newInstance(ThrowingConstructorConnector.class.getName(), Connector.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(ThrowingConstructorConnector.class.getName())
        .hasMessageContaining("broken on purpose");
  }
}
