package io.tributary.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.runtime.internal.plugins.IsolatedPlugins;
import io.tributary.runtime.testing.EmbeddedWorker;
import io.tributary.runtime.testing.TestingRestClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin directories the launcher bundles are available to a worker with no plugin.path at all,
 * each plugin still in its own class loader. (Apache's FileStream connectors stand in for
 * Tributary's own, which are built as plugin directories in the same way.)
 */
class BundledPluginsIT {
  @TempDir Path dir;

  @Test
  void bundledPluginsNeedNoConfiguration() {
    String before = System.getProperty(IsolatedPlugins.BUNDLED_PLUGIN_PATH_PROPERTY);
    System.setProperty(
        IsolatedPlugins.BUNDLED_PLUGIN_PATH_PROPERTY,
        BaseFileStreamIT.PLUGINS + "," + dir.resolve("not-built-yet"));
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        EmbeddedWorker worker =
            EmbeddedWorker.start(broker.bootstrapServers(), dir.resolve("worker"), Map.of())) {
      TestingRestClient rest = new TestingRestClient(worker.restUrl());

      // The worker lists the bundled connectors, with their own version
      JsonNode plugins = rest.get("/connector-plugins").body();
      assertThat(plugins)
          .extracting(p -> p.path("class").asText())
          .contains(
              "org.apache.kafka.connect.file.FileStreamSourceConnector",
              "org.apache.kafka.connect.file.FileStreamSinkConnector");

      // and validates a config for one of them by its alias
      JsonNode validated =
          rest.put(
                  "/connector-plugins/FileStreamSink/config/validate",
                  Map.of(
                      "name",
                      "bundled",
                      "connector.class",
                      "FileStreamSink",
                      "topics",
                      "t",
                      "file",
                      dir.resolve("out").toString()))
              .body();
      assertThat(validated.path("error_count").asInt()).isZero();
    } finally {
      if (before == null) {
        System.clearProperty(IsolatedPlugins.BUNDLED_PLUGIN_PATH_PROPERTY);
      } else {
        System.setProperty(IsolatedPlugins.BUNDLED_PLUGIN_PATH_PROPERTY, before);
      }
    }
  }
}
