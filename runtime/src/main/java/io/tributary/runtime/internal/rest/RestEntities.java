package io.tributary.runtime.internal.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tributary.runtime.internal.herder.ConfigInfos;
import io.tributary.runtime.internal.herder.ConfigKeyInfo;
import io.tributary.runtime.internal.herder.ConfigValueInfo;
import io.tributary.runtime.internal.herder.ConnectorInfo;
import io.tributary.runtime.internal.herder.ConnectorOffset;
import io.tributary.runtime.internal.herder.ConnectorStateInfo;
import io.tributary.runtime.internal.herder.PluginInfo;
import io.tributary.runtime.internal.herder.TaskInfo;
import io.tributary.runtime.internal.status.ConnectorStatus;
import io.tributary.runtime.internal.status.ConnectorTaskId;
import io.tributary.runtime.internal.status.TaskStatus;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of Kafka Connect's REST API, with its field names, and their mapping from the
 * herder's values (which stay free of JSON concerns). Jackson writes and reads these records.
 */
final class RestEntities {
  /** The version plugins report when they report none; Kafka Connect then omits the field. */
  static final String UNDEFINED_VERSION = "undefined";

  private RestEntities() {}

  /** Every error: {@code {"error_code": <http status>, "message": ...}}. */
  record ErrorMessage(@JsonProperty("error_code") int errorCode, String message) {}

  /** {@code GET /}. */
  record ServerInfo(
      String version, String commit, @JsonProperty("kafka_cluster_id") String kafkaClusterId) {}

  /** {@code GET /health}. */
  record WorkerStatus(String status, String message) {}

  /** A success message, as offset changes answer. */
  record Message(String message) {}

  record TaskId(String connector, int task) {
    static TaskId of(ConnectorTaskId id) {
      return new TaskId(id.connector(), id.task());
    }
  }

  record ConnectorInfoBody(
      String name, Map<String, String> config, List<TaskId> tasks, String type) {
    static ConnectorInfoBody of(ConnectorInfo info) {
      return new ConnectorInfoBody(
          info.name(),
          info.config(),
          info.tasks().stream().map(TaskId::of).toList(),
          info.type().restName());
    }
  }

  record ConnectorState(
      String state,
      @JsonProperty("worker_id") String workerId,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) String trace) {
    static ConnectorState of(ConnectorStatus status) {
      return new ConnectorState(status.state().name(), status.workerId(), status.trace());
    }
  }

  record TaskState(
      int id,
      String state,
      @JsonProperty("worker_id") String workerId,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) String trace) {
    static TaskState of(TaskStatus status) {
      return new TaskState(
          status.id().task(), status.state().name(), status.workerId(), status.trace());
    }
  }

  record ConnectorStateBody(
      String name, ConnectorState connector, List<TaskState> tasks, String type) {
    static ConnectorStateBody of(ConnectorStateInfo info) {
      return new ConnectorStateBody(
          info.name(),
          ConnectorState.of(info.connector()),
          info.tasks().stream().map(TaskState::of).toList(),
          info.type().restName());
    }
  }

  record TaskInfoBody(TaskId id, Map<String, String> config) {
    static TaskInfoBody of(TaskInfo info) {
      return new TaskInfoBody(TaskId.of(info.id()), info.config());
    }
  }

  /** {@code GET /connectors/{name}/topics} shows {@code {"<name>": {"topics": [...]}}}. */
  record ActiveTopics(List<String> topics) {}

  record Offset(Map<String, Object> partition, Map<String, Object> offset) {
    static Offset of(ConnectorOffset offset) {
      return new Offset(offset.partition(), offset.offset());
    }
  }

  /** {@code GET|PATCH /connectors/{name}/offsets}. */
  record Offsets(List<Offset> offsets) {}

  record PluginInfoBody(
      @JsonProperty("class") String className,
      String type,
      @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = UndefinedVersion.class)
          String version) {
    static PluginInfoBody of(PluginInfo info) {
      return new PluginInfoBody(info.className(), info.type(), info.version());
    }
  }

  /** Jackson's value filter: true (leave out) for a version plugins did not report. */
  static final class UndefinedVersion {
    @Override
    public boolean equals(Object other) {
      return other == null || UNDEFINED_VERSION.equals(other);
    }

    @Override
    public int hashCode() {
      return UNDEFINED_VERSION.hashCode();
    }
  }

  /** A config key's definition; Kafka Connect names its position {@code "order"}. */
  record ConfigKeyBody(
      String name,
      String type,
      boolean required,
      @JsonProperty("default_value") String defaultValue,
      String importance,
      String documentation,
      String group,
      @JsonProperty("order") int orderInGroup,
      String width,
      @JsonProperty("display_name") String displayName,
      List<String> dependents) {
    static ConfigKeyBody of(ConfigKeyInfo key) {
      return new ConfigKeyBody(
          key.name(),
          key.type(),
          key.required(),
          key.defaultValue(),
          key.importance(),
          key.documentation(),
          key.group(),
          key.orderInGroup(),
          key.width(),
          key.displayName(),
          key.dependents());
    }
  }

  record ConfigValueBody(
      String name,
      String value,
      @JsonProperty("recommended_values") List<String> recommendedValues,
      List<String> errors,
      boolean visible) {
    static ConfigValueBody of(ConfigValueInfo value) {
      return new ConfigValueBody(
          value.name(), value.value(), value.recommendedValues(), value.errors(), value.visible());
    }
  }

  record ConfigInfoBody(ConfigKeyBody definition, ConfigValueBody value) {}

  record ConfigInfosBody(
      String name,
      @JsonProperty("error_count") int errorCount,
      List<String> groups,
      List<ConfigInfoBody> configs) {
    static ConfigInfosBody of(ConfigInfos infos) {
      return new ConfigInfosBody(
          infos.name(),
          infos.errorCount(),
          infos.groups(),
          infos.configs().stream()
              .map(
                  c ->
                      new ConfigInfoBody(
                          ConfigKeyBody.of(c.definition()), ConfigValueBody.of(c.value())))
              .toList());
    }
  }

  /** {@code GET /admin/loggers[/{logger}]}; {@code last_modified} is null until changed. */
  record LoggerLevelBody(String level, @JsonProperty("last_modified") Long lastModified) {}

  /** The body of {@code POST /connectors}. */
  record CreateConnectorRequest(
      String name,
      Map<String, String> config,
      @JsonProperty("initial_state") String initialState) {}
}
