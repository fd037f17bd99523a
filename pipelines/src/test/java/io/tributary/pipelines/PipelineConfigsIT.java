package io.tributary.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.config.SettingsFiles;
import io.tributary.runtime.ConnectorDefinition;
import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.internal.config.ClientConfigs;
import io.tributary.runtime.internal.config.ConnectorConfigValidator;
import io.tributary.runtime.internal.herder.ConfigInfos;
import io.tributary.runtime.internal.plugins.IsolatedPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every pipeline config in configs/pipelines/ (and the quickstart's database-to-warehouse configs
 * in configs/quickstart/warehouse/) parses and passes the worker's validation, which runs each
 * connector's own ConfigDef and cross-key checks, with the connectors installed from their plugin
 * directories as bin/tributary installs them. So the documented pipelines never rot.
 */
class PipelineConfigsIT {
  static final Path CONFIGS = Path.of("..", "configs").toAbsolutePath().normalize();

  @TempDir Path dir;

  static List<Path> files(Path folder, String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void pipelineWorkerConfigsAreValid() throws Exception {
    List<Path> workers = files(CONFIGS.resolve("pipelines"), ".properties");
    assertThat(workers).isNotEmpty();
    for (Path file : workers) {
      Map<String, String> settings = SettingsFiles.load(file);
      new WorkerConfig(settings);
      for (String key : settings.keySet()) {
        boolean known =
            WorkerConfig.configDef().names().contains(key)
                || key.startsWith("key.converter.")
                || key.startsWith("value.converter.")
                || key.startsWith("config.providers.");
        assertThat(known).as(file + ": " + key).isTrue();
      }
    }
  }

  @Test
  void pipelineAndWarehouseQuickstartConnectorConfigsAreValid() throws Exception {
    List<Path> connectors = files(CONFIGS.resolve("pipelines"), ".json");
    connectors =
        Stream.concat(
                connectors.stream(),
                files(CONFIGS.resolve("quickstart").resolve("warehouse"), ".json").stream())
            .toList();
    assertThat(connectors).hasSizeGreaterThanOrEqualTo(6);
    Map<String, String> settings = new HashMap<>();
    settings.put(
        WorkerConfig.PLUGIN_PATH_CONFIG,
        ConnectorPlugins.linkInto(dir.resolve("plugins")).toString());
    WorkerConfig worker = new WorkerConfig(settings);
    try (IsolatedPlugins plugins = IsolatedPlugins.discover(worker)) {
      ConnectorConfigValidator validator =
          new ConnectorConfigValidator(
              plugins, worker, new ClientConfigs(worker, ClientConfigs.policy(worker, plugins)));
      for (Path file : connectors) {
        // When each config is read and validated as REST's PUT .../config/validate does
        ConnectorDefinition connector = ConnectorDefinition.read(file);
        ConfigInfos infos = validator.validate(withEnvironment(connector.config()));

        // Then it has no errors, and its file is named after the connector
        List<String> errors =
            infos.configs().stream()
                .flatMap(c -> c.value().errors().stream().map(e -> c.value().name() + ": " + e))
                .toList();
        assertThat(errors).as(file.toString()).isEmpty();
        assertThat(infos.errorCount()).as(file.toString()).isZero();
        assertThat(connector.name()).isEqualTo(file.getFileName().toString().replace(".json", ""));
      }
    }
  }

  /**
   * The config with {@code ${env:...}} resolved as the worker's EnvVarConfigProvider resolves it
   * (TRIBUTARY_HOME and TRIBUTARY_DATA come from the build, as bin/tributary sets them); unset
   * variables, such as the pipeline's passwords, stay as they are.
   */
  static Map<String, String> withEnvironment(Map<String, String> config) {
    return new ConfigTransformer(Map.of("env", new EnvVarConfigProvider()))
        .transform(config)
        .data();
  }

  @Test
  void aBrokenPipelineConfigIsCaught() throws Exception {
    // The check above can fail: the same validation rejects a wrong key value in a pipeline file.
    Map<String, String> settings = new HashMap<>();
    settings.put(
        WorkerConfig.PLUGIN_PATH_CONFIG,
        ConnectorPlugins.linkInto(dir.resolve("plugins")).toString());
    WorkerConfig worker = new WorkerConfig(settings);
    try (IsolatedPlugins plugins = IsolatedPlugins.discover(worker)) {
      ConnectorConfigValidator validator =
          new ConnectorConfigValidator(
              plugins, worker, new ClientConfigs(worker, ClientConfigs.policy(worker, plugins)));
      Map<String, String> config =
          new HashMap<>(
              ConnectorDefinition.read(
                      CONFIGS.resolve("pipelines/oracle-to-hadoop/orders-to-hdfs.json"))
                  .config());
      config.remove("timezone");
      ConfigInfos infos = validator.validate(config);
      assertThat(infos.errorCount()).isPositive();
    }
  }
}
