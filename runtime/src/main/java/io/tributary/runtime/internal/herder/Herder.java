package io.tributary.runtime.internal.herder;

import io.tributary.runtime.internal.status.ConnectorTaskId;
import io.tributary.runtime.internal.status.TargetState;
import io.tributary.runtime.internal.status.TaskStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the worker's REST API asks of the worker: the connectors, their configurations, states and
 * offsets. Each method answers or refuses with a {@link HerderException} whose kind the REST layer
 * maps to Kafka Connect's status codes. Standalone mode implements it over local stores;
 * distributed mode (a later issue) will implement it over the log.
 *
 * <p>Configurations returned here have password-type values (by the connector's, its converters'
 * and transforms' config definitions) replaced by {@code [hidden]}.
 *
 * <p>Thread-safe; methods may block while the change they make takes effect (bounded by the
 * worker's shutdown timeouts).
 */
public interface Herder {
  /** This worker's id ({@code host:port} of its REST listener), shown in statuses. */
  String workerId();

  /** The Kafka cluster id of the worker's {@code bootstrap.servers}. */
  String kafkaClusterId();

  /** True once the worker has started and can serve requests ({@code GET /health}). */
  boolean ready();

  /** The names of all connectors, sorted. */
  List<String> connectors();

  ConnectorInfo connectorInfo(String name);

  Map<String, String> connectorConfig(String name);

  /** The result of a create-or-update: whether the connector is new, and its info after. */
  record Created(boolean created, ConnectorInfo info) {}

  /**
   * Creates a connector, or replaces its configuration when {@code allowReplace}. The configuration
   * is validated first; nothing is created or changed when it is invalid.
   *
   * @param initialState the target state of a new connector (ignored for a replacement)
   * @throws HerderException ALREADY_EXISTS when it exists and {@code !allowReplace}; INVALID with
   *     every error found (per key) when the configuration is invalid
   */
  Created putConnectorConfig(
      String name, Map<String, String> config, TargetState initialState, boolean allowReplace);

  /**
   * Merges {@code patch} into the connector's configuration (a null value removes its key) and
   * applies the result as {@link #putConnectorConfig} would.
   */
  ConnectorInfo patchConnectorConfig(String name, Map<String, String> patch);

  /** Stops and removes the connector, its tasks, its status and its stored configuration. */
  void deleteConnector(String name);

  ConnectorStateInfo connectorStatus(String name);

  TaskStatus taskStatus(ConnectorTaskId id);

  List<TaskInfo> taskConfigs(String name);

  /**
   * Restarts the connector and, with {@code includeTasks}, its tasks; with {@code onlyFailed}, only
   * the instances that are FAILED.
   *
   * @return the status right after the restart was issued (restarting instances show RESTARTING)
   */
  ConnectorStateInfo restartConnector(String name, boolean includeTasks, boolean onlyFailed);

  void restartTask(ConnectorTaskId id);

  void pauseConnector(String name);

  void resumeConnector(String name);

  /** Shuts the connector down and removes its tasks, keeping its configuration. */
  void stopConnector(String name);

  /** The topics the connector has used since it was created or its topics were last reset. */
  Set<String> connectorActiveTopics(String name);

  void resetConnectorActiveTopics(String name);

  List<ConnectorOffset> connectorOffsets(String name);

  /**
   * Alters offsets of a STOPPED connector.
   *
   * @return the message Kafka Connect returns on success
   * @throws HerderException CONFLICT when the connector is not stopped
   */
  String alterConnectorOffsets(String name, List<ConnectorOffset> offsets);

  /** Removes every offset of a STOPPED connector; returns Kafka Connect's success message. */
  String resetConnectorOffsets(String name);

  /** Validates a connector configuration without creating anything. */
  ConfigInfos validateConnectorConfig(Map<String, String> config);

  /** Installed plugins: only connectors, or every kind. */
  List<PluginInfo> connectorPlugins(boolean connectorsOnly);

  /** The config definition of a plugin, by class name or alias. */
  List<ConfigKeyInfo> pluginConfig(String pluginClassOrAlias);
}
