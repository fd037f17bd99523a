package io.tributary.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.config.SettingsFiles;
import io.tributary.connect.hdfs.HdfsSinkConfig;
import io.tributary.connect.hdfs.HdfsSinkConnector;
import io.tributary.connect.hdfs.format.Formats;
import io.tributary.connect.hdfs.partition.Partitioners;
import io.tributary.runtime.ConnectorDefinition;
import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.internal.config.ClientConfigs;
import io.tributary.runtime.internal.config.ConnectorConfigValidator;
import io.tributary.runtime.internal.herder.ConfigInfos;
import io.tributary.runtime.internal.plugins.IsolatedPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
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
        List<String> errors = problems(validator, withEnvironment(connector.config()));

        // Then it has no errors, and its file is named after the connector
        assertThat(errors).as(file.toString()).isEmpty();
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
    EnvVarConfigProvider env = new EnvVarConfigProvider();
    env.configure(Map.of());
    return new ConfigTransformer(Map.of("env", env)).transform(config).data();
  }

  /**
   * The worker's validation errors as {@code key: message}; for the HDFS sink also what its task
   * checks at start beyond the connector's validate (the partitioner and the format are built from
   * the config, e.g. a time-based partitioner without timezone), so a pipeline file that would fail
   * at task start fails here.
   */
  static List<String> problems(ConnectorConfigValidator validator, Map<String, String> config) {
    ConfigInfos infos = validator.validate(config);
    List<String> errors =
        new ArrayList<>(
            infos.configs().stream()
                .flatMap(c -> c.value().errors().stream().map(e -> c.value().name() + ": " + e))
                .toList());
    assertThat(infos.errorCount()).isEqualTo(errors.size());
    if (errors.isEmpty()
        && HdfsSinkConnector.class.getName().equals(config.get("connector.class"))) {
      try {
        HdfsSinkConfig parsed = new HdfsSinkConfig(config);
        Partitioners.create(parsed);
        Formats.create(parsed);
      } catch (ConfigException e) {
        errors.add(e.getMessage());
      }
    }
    return errors;
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
      assertThat(problems(validator, config)).anySatisfy(e -> assertThat(e).contains("timezone"));
      config.put("timezone", "UTC");
      config.put("format", "orc");
      assertThat(problems(validator, config)).anySatisfy(e -> assertThat(e).contains("format"));
    }
  }
}
