package io.tributary.runtime.internal.plugins;

import static io.tributary.runtime.internal.plugins.TestingPluginJars.classNames;
import static io.tributary.runtime.internal.plugins.TestingPluginJars.jar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plugin.discovery: manifests, scans, and what happens to plugins without manifests. */
class DiscoveryModeTest {
  private static final String UNVERSIONED = TestingUnversionedConverter.class.getName();

  @TempDir Path pluginPath;
  private Path withManifest;
  private Path withoutManifest;

  @BeforeEach
  void twoPlugins() {
    withManifest =
        jar()
            .withClasses(TestingSourceConnector.class)
            .withManifest(SourceConnector.class, TestingSourceConnector.class)
            .writeTo(pluginPath.resolve("with-manifest.jar"));
    withoutManifest =
        jar()
            .withClasses(TestingUnversionedConverter.class)
            .writeTo(pluginPath.resolve("without-manifest.jar"));
  }

  @Test
  void hybridWarnScansAPluginWithoutManifestsAndWarnsNamingIt() {
    try (TestingLogCapture log = new TestingLogCapture(PluginDiscovery.class);
        IsolatedPlugins plugins = IsolatedPlugins.discover(List.of(pluginPath), "hybrid_warn")) {
      assertThat(inPluginPath(plugins.plugins(PluginType.CONVERTER))).contains(UNVERSIONED);
      assertThat(inPluginPath(plugins.plugins(PluginType.SOURCE)))
          .contains(TestingSourceConnector.class.getName());
      assertThat(log.messages(Level.WARN))
          .anySatisfy(
              line -> assertThat(line).contains(withoutManifest.toString(), "should get manifests"))
          .noneSatisfy(line -> assertThat(line).contains(withManifest.toString()));
    }
  }

  @Test
  void serviceLoadIgnoresAPluginWithoutManifests() {
    try (IsolatedPlugins plugins = IsolatedPlugins.discover(List.of(pluginPath), "service_load")) {
      assertThat(inPluginPath(plugins.plugins(PluginType.CONVERTER))).doesNotContain(UNVERSIONED);
      assertThat(inPluginPath(plugins.plugins(PluginType.SOURCE)))
          .contains(TestingSourceConnector.class.getName());
    }
  }

  @Test
  void hybridFailFailsNamingThePluginsWithoutManifests() {
    assertThatThrownBy(() -> IsolatedPlugins.discover(List.of(pluginPath), "hybrid_fail"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("plugin.discovery")
        .hasMessageContaining(withoutManifest.toString())
        .hasMessageNotContaining(withManifest.toString());
  }

  @Test
  void onlyScanFindsPluginsWithAndWithoutManifests() {
    try (IsolatedPlugins plugins = IsolatedPlugins.discover(List.of(pluginPath), "only_scan")) {
      assertThat(inPluginPath(plugins.plugins(PluginType.CONVERTER))).contains(UNVERSIONED);
      assertThat(inPluginPath(plugins.plugins(PluginType.SOURCE)))
          .contains(TestingSourceConnector.class.getName());
      // the class path is scanned too: connect-json's converter without reading manifests
      assertThat(classNames(plugins.plugins(PluginType.CONVERTER)))
          .contains("org.apache.kafka.connect.json.JsonConverter");
    }
  }

  @Test
  void anUnknownModeIsRejectedNamingTheKey() {
    assertThatThrownBy(() -> IsolatedPlugins.discover(List.of(), "scan_everything"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("plugin.discovery")
        .hasMessageContaining("scan_everything");
  }

  @Test
  void aPluginWhoseManifestsNameOnlyTheWorkersClassesCountsAsWithoutManifests() {
    // given an uber-jar bundling a manifest for a shared API class only (as a bundled connect-api)
    Path bundling =
        jar()
            .withClasses(TestingSourceConnector.class)
            .withManifest(SourceConnector.class, SourceConnector.class)
            .writeTo(pluginPath.resolve("bundling.jar"));

    // when / then
    try (IsolatedPlugins plugins = IsolatedPlugins.discover(List.of(pluginPath), "hybrid_warn")) {
      assertThat(plugins.plugins(PluginType.SOURCE))
          .extracting(PluginDesc::location)
          .contains(bundling.toString());
    }
  }

  private List<String> inPluginPath(List<PluginDesc> descs) {
    return classNames(
        descs.stream().filter(d -> d.location().startsWith(pluginPath.toString())).toList());
  }
}
