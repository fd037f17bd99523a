package io.tributary.connect.jdbc.source;

import io.tributary.connect.jdbc.db.ConnectionPool;
import io.tributary.connect.jdbc.db.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies tables (or a query) of any JDBC database into topics, one topic per table ({@code
 * topic.prefix} + table). Finds the tables from the include / exclude lists and re-checks them
 * every {@code table.poll.interval.ms}, asking for a task reconfiguration when they change. Each
 * table becomes work units ({@link LoadPlanner}): its incremental stream and, when split, the
 * ranges of its load; units are spread round-robin over up to {@code tasks.max} tasks.
 *
 * <p>Lifecycle: {@link #start} checks the config and the tables (a wrong password, a database that
 * is down or an unknown table fails it with the cause), {@link #taskConfigs} plans, {@link #stop}
 * ends the table monitor. Threading: the worker calls it from one thread; the monitor runs on its
 * own.
 */
public class JdbcSourceConnector extends SourceConnector {
  /** Task config: the task's work units, one per line (internal). */
  public static final String UNITS_CONFIG = "tributary.jdbc.units";

  /** Task config: how many tasks share the connector's throttle limits (internal). */
  public static final String TASK_COUNT_CONFIG = "tributary.jdbc.task.count";

  private static final Logger LOGGER = LoggerFactory.getLogger(JdbcSourceConnector.class);

  private Map<String, String> props;
  private JdbcSourceConfig config;
  private ConnectionPool pool;
  private ScheduledExecutorService monitor;
  private volatile List<RowSource> sources = List.of();

  @Override
  public String version() {
    return implementationVersion();
  }

  static String implementationVersion() {
    String version = JdbcSourceConnector.class.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  @Override
  public ConfigDef config() {
    return JdbcSourceConfig.CONFIG_DEF;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config result = super.validate(connectorConfigs);
    boolean valuesValid = result.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
    if (!valuesValid) {
      return result;
    }
    Map<String, List<String>> problems;
    try {
      problems = new JdbcSourceConfig(connectorConfigs).problems();
    } catch (ConfigException e) {
      problems = Map.of(JdbcSourceConfig.MODE_CONFIG, List.of(e.getMessage()));
    }
    Set<String> reported = new HashSet<>();
    List<ConfigValue> values = new ArrayList<>(result.configValues());
    for (ConfigValue value : values) {
      problems.getOrDefault(value.name(), List.of()).forEach(value::addErrorMessage);
      reported.add(value.name());
    }
    // Problems with keys this connector does not define (Confluent keys it does not implement).
    problems.forEach(
        (key, messages) -> {
          if (!reported.contains(key)) {
            ConfigValue value =
                new ConfigValue(
                    key, connectorConfigs.get(key), new ArrayList<>(), new ArrayList<>());
            messages.forEach(value::addErrorMessage);
            values.add(value);
          }
        });
    return new Config(values);
  }

  @Override
  public void start(Map<String, String> props) {
    this.props = Map.copyOf(props);
    config = new JdbcSourceConfig(props).validated();
    pool = ConnectionPool.open(config.connection(), "tributary-jdbc-source", 2);
    try {
      sources = discover();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    if (config.query().isEmpty()) {
      monitor =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "jdbc-source-table-monitor");
                thread.setDaemon(true);
                return thread;
              });
      monitor.scheduleWithFixedDelay(
          this::recheckTables,
          config.tablePollIntervalMs(),
          config.tablePollIntervalMs(),
          TimeUnit.MILLISECONDS);
    }
    LOGGER.info("JDBC source reads {}", sources.stream().map(RowSource::describe).toList());
  }

  private List<RowSource> discover() {
    if (!config.query().isEmpty()) {
      return List.of(RowSource.ofQuery(config.query()));
    }
    try (Connection connection = pool.connection()) {
      List<TableId> tables =
          new TableDiscovery(config, config.connection().dialect()).tables(connection);
      return tables.stream().map(RowSource::ofTable).toList();
    } catch (SQLException e) {
      throw new ConnectException("Cannot list the tables: " + e.getMessage(), e);
    }
  }

  private void recheckTables() {
    try {
      List<RowSource> found = discover();
      if (!found.equals(sources)) {
        LOGGER.info(
            "Tables changed from {} to {}: reconfiguring tasks",
            sources.stream().map(RowSource::describe).toList(),
            found.stream().map(RowSource::describe).toList());
        sources = found;
        context.requestTaskReconfiguration();
      }
    } catch (RuntimeException e) {
      LOGGER.warn("Cannot re-check the tables (will try again): {}", e.getMessage());
    }
  }

  @Override
  public Class<? extends Task> taskClass() {
    return JdbcSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<WorkUnit> units = new ArrayList<>();
    Optional<OffsetStorageReader> offsets = offsetReader();
    LoadPlanner planner = new LoadPlanner(config, SourceSql.of(config), offsets);
    try (Connection connection = pool.connection()) {
      for (RowSource source : sources) {
        units.addAll(planner.plan(connection, source));
      }
    } catch (SQLException e) {
      throw new ConnectException("Cannot plan the load: " + e.getMessage(), e);
    }
    if (units.isEmpty()) {
      LOGGER.warn("No tables to read: no tasks");
      return List.of();
    }
    int tasks = Math.min(maxTasks, units.size());
    List<List<WorkUnit>> assigned = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      assigned.add(new ArrayList<>());
    }
    for (int i = 0; i < units.size(); i++) {
      assigned.get(i % tasks).add(units.get(i));
    }
    List<Map<String, String>> configs = new ArrayList<>();
    for (List<WorkUnit> taskUnits : assigned) {
      Map<String, String> taskConfig = new HashMap<>(props);
      taskConfig.put(UNITS_CONFIG, WorkUnit.encodeAll(taskUnits));
      taskConfig.put(TASK_COUNT_CONFIG, Integer.toString(tasks));
      configs.add(taskConfig);
    }
    return configs;
  }

  private Optional<OffsetStorageReader> offsetReader() {
    try {
      return Optional.ofNullable(context().offsetStorageReader());
    } catch (UnsupportedOperationException | NoSuchMethodError e) {
      return Optional.empty();
    }
  }

  @Override
  public void stop() {
    if (monitor != null) {
      monitor.shutdownNow();
      monitor = null;
    }
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }
}
