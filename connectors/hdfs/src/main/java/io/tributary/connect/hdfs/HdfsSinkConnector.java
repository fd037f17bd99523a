package io.tributary.connect.hdfs;

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
 * Writes topics to files on any Hadoop file system ({@code hdfs://}, {@code file://}) as Avro,
 * Parquet or JSON lines, exactly once: see {@link HdfsSinkTask}. Settings: {@link HdfsSinkConfig}.
 * Every task gets the same configuration; the consumer group spreads the partitions over them.
 */
public final class HdfsSinkConnector extends SinkConnector {
  static final String VERSION = versionOf(HdfsSinkConnector.class);

  private Map<String, String> props;

  static String versionOf(Class<?> type) {
    String version = type.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    new HdfsSinkConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return HdfsSinkTask.class;
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
    return HdfsSinkConfig.CONFIG_DEF;
  }

  /** Checks each key on its own, then the combinations of keys, reporting each on its key. */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    boolean keysValid =
        config.configValues().stream()
            .filter(value -> HdfsSinkConfig.CONFIG_DEF.names().contains(value.name()))
            .allMatch(value -> value.errorMessages().isEmpty());
    if (!keysValid) {
      return config;
    }
    AbstractConfig parsed = new AbstractConfig(HdfsSinkConfig.CONFIG_DEF, connectorConfigs, false);
    return ConfigProblem.attach(config, HdfsSinkConfig.crossKeyProblems(parsed), connectorConfigs);
  }
}
