package io.tributary.connect.jdbc.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes topics to tables of a PostgreSQL, Oracle or other JDBC database (keys in {@link
 * JdbcSinkConfig}; writes, DDL and exactly-once in {@link JdbcSinkTask}).
 *
 * <p>Lifecycle: {@code validate} checks each key and the keys against each other; {@code start}
 * keeps the config; every task gets the same config and Kafka Connect spreads the partitions.
 */
public final class JdbcSinkConnector extends SinkConnector {
  private static final Logger LOGGER = LoggerFactory.getLogger(JdbcSinkConnector.class);

  private Map<String, String> props;

  @Override
  public String version() {
    return versionOf(JdbcSinkConnector.class);
  }

  static String versionOf(Class<?> type) {
    String version = type.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  @Override
  public void start(Map<String, String> props) {
    JdbcSinkConfig config = new JdbcSinkConfig(props);
    this.props = Map.copyOf(props);
    LOGGER.info(
        "JDBC sink connector started: {} ({}), insert.mode {}",
        config.connection().url(),
        config.connection().dialect().name(),
        config.insertMode().configName());
  }

  @Override
  public Class<? extends Task> taskClass() {
    return JdbcSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      configs.add(props);
    }
    return configs;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    boolean valid =
        config.configValues().stream().allMatch(value -> value.errorMessages().isEmpty());
    if (!valid) {
      return config;
    }
    try {
      Map<String, String> problems =
          JdbcSinkConfig.crossKeyProblems(
              new AbstractConfig(JdbcSinkConfig.CONFIG_DEF, connectorConfigs, false));
      for (ConfigValue value : config.configValues()) {
        String problem = problems.get(value.name());
        if (problem != null) {
          value.addErrorMessage(
              "Invalid value "
                  + connectorConfigs.get(value.name())
                  + " for "
                  + value.name()
                  + ": "
                  + problem);
        }
      }
    } catch (ConfigException e) {
      config.configValues().stream()
          .filter(v -> e.getMessage() != null && e.getMessage().contains(v.name()))
          .findFirst()
          .ifPresent(v -> v.addErrorMessage(e.getMessage()));
    }
    return config;
  }

  @Override
  public void stop() {
    LOGGER.info("JDBC sink connector stopped");
  }

  @Override
  public ConfigDef config() {
    return JdbcSinkConfig.CONFIG_DEF;
  }
}
