package io.tributary.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.config.SettingsFiles;
import io.tributary.runtime.ConnectorDefinition;
import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.internal.config.ClientConfigs;
import io.tributary.runtime.internal.config.ConnectorConfigValidator;
import io.tributary.runtime.internal.herder.ConfigInfos;
import io.tributary.runtime.internal.plugins.IsolatedPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every example config in configs/ parses and validates, so the examples never rot. */
class ExampleConfigsIT {
  static final Path CONFIGS = Path.of("..", "configs");

  static List<Path> files(String folder) throws Exception {
    try (Stream<Path> files = Files.list(CONFIGS.resolve(folder))) {
      return files.sorted().toList();
    }
  }

  @Test
  void workerConfigsAreValid() throws Exception {
    List<Path> workers = files("worker");
    assertThat(workers).isNotEmpty();
    for (Path file : workers) {
      Map<String, String> settings = SettingsFiles.load(file);
      WorkerConfig config = new WorkerConfig(settings);
      assertThat(config.getList(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG))
          .as(file.toString())
          .isNotEmpty();
      // Every key is one a worker, a Kafka client or a converter knows.
      for (String key : settings.keySet()) {
        boolean known =
            WorkerConfig.configDef().names().contains(key)
                || key.startsWith("key.converter.")
                || key.startsWith("value.converter.")
                || key.startsWith("header.converter.");
        assertThat(known).as(file + ": " + key).isTrue();
      }
    }
  }

  @Test
  void connectorConfigsAreValidWithTheirPluginsInstalled() throws Exception {
    // Given a worker whose plugin.path holds Apache's FileStream connectors
    Map<String, String> settings = new HashMap<>();
    settings.put(
        WorkerConfig.PLUGIN_PATH_CONFIG,
        Path.of("target/test-plugins").toAbsolutePath().toString());
    WorkerConfig worker = new WorkerConfig(settings);
    try (IsolatedPlugins plugins = IsolatedPlugins.discover(worker)) {
      ConnectorConfigValidator validator =
          new ConnectorConfigValidator(
              plugins, worker, new ClientConfigs(worker, ClientConfigs.policy(worker, plugins)));
      List<Path> connectors = files("connectors");
      assertThat(connectors).isNotEmpty();
      for (Path file : connectors) {
        // When each example is read and validated
        ConnectorDefinition connector = ConnectorDefinition.read(file);
        ConfigInfos infos = validator.validate(connector.config());

        // Then it has no errors
        List<String> errors =
            infos.configs().stream()
                .flatMap(c -> c.value().errors().stream().map(e -> c.value().name() + ": " + e))
                .toList();
        assertThat(errors).as(file.toString()).isEmpty();
        assertThat(connector.name()).isEqualTo(file.getFileName().toString().replace(".json", ""));
      }
    }
  }
}
