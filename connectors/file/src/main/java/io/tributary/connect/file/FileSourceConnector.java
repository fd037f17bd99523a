package io.tributary.connect.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails files matched by glob patterns into topics (see {@link FileSourceConfig} for the keys and
 * {@link FileSourceTask} for offsets, rotation and how files are spread over tasks).
 *
 * <p>Lifecycle: {@code validate} checks each key and the keys against each other; {@code start}
 * keeps the config; {@code taskConfigs(n)} gives each of the n tasks its index and the count, and
 * every task scans the patterns itself, so new files need no reconfiguration.
 */
public final class FileSourceConnector extends SourceConnector {

  private static final Logger LOGGER = LoggerFactory.getLogger(FileSourceConnector.class);

  private Map<String, String> props;

  @Override
  public String version() {
    return versionOf(FileSourceConnector.class);
  }

  /** The version in the manifest of the jar holding {@code type} (both connectors share it). */
  static String versionOf(Class<?> type) {
    String version = type.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  @Override
  public void start(Map<String, String> props) {
    new FileSourceConfig(props);
    this.props = Map.copyOf(props);
    LOGGER.info(
        "File source connector started for {}", props.get(FileSourceConfig.FILE_PATTERNS_CONFIG));
  }

  @Override
  public Class<? extends Task> taskClass() {
    return FileSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      Map<String, String> task = new HashMap<>(props);
      task.put(FileSourceConfig.TASK_INDEX_CONFIG, Integer.toString(i));
      task.put(FileSourceConfig.TASK_COUNT_CONFIG, Integer.toString(maxTasks));
      configs.add(task);
    }
    return configs;
  }

  @Override
  public void stop() {
    LOGGER.info("File source connector stopped");
  }

  @Override
  public ConfigDef config() {
    return FileSourceConfig.CONFIG_DEF;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    boolean valid =
        config.configValues().stream().allMatch(value -> value.errorMessages().isEmpty());
    if (valid) {
      ConfigProblem.attach(config, FileSourceConfig.problemsOf(connectorConfigs));
    }
    return config;
  }
}
