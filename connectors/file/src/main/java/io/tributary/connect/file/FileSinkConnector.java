package io.tributary.connect.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Writes topic partitions to rolling files in a directory (JSON lines, text, CSV, optionally
 * gzip'd, or Avro container files), exactly once: see {@link FileSinkTask}. Settings: {@link
 * FileSinkConfig}. Every task gets the same configuration; the consumer group spreads the
 * partitions over them.
 */
public final class FileSinkConnector extends SinkConnector {
  static final String VERSION = FileSourceConnector.versionOf(FileSinkConnector.class);

  private Map<String, String> props;

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    new FileSinkConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return FileSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      configs.add(new HashMap<>(props));
    }
    return configs;
  }

  @Override
  public void stop() {
    // Nothing runs in the connector itself.
  }

  @Override
  public ConfigDef config() {
    return FileSinkConfig.CONFIG_DEF;
  }

  /** Checks each key on its own, then the combinations of keys, reporting each on its key. */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    boolean keysValid =
        config.configValues().stream()
            .filter(value -> FileSinkConfig.CONFIG_DEF.names().contains(value.name()))
            .allMatch(value -> value.errorMessages().isEmpty());
    if (!keysValid) {
      return config;
    }
    AbstractConfig parsed = new AbstractConfig(FileSinkConfig.CONFIG_DEF, connectorConfigs, false);
    return ConfigProblem.attach(config, FileSinkConfig.crossKeyProblems(parsed));
  }
}
