package io.tributary.runtime.internal.herder;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.status.ConnectorTaskId;
import java.util.Map;

/** One task and its configuration, as {@code GET /connectors/{name}/tasks} lists them. */
public record TaskInfo(ConnectorTaskId id, Map<String, String> config) {
  public TaskInfo {
    requireNonNull(id, "id is null");
    config = Map.copyOf(requireNonNull(config, "config is null"));
  }
}
