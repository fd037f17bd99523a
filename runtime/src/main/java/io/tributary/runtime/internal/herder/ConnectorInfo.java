package io.tributary.runtime.internal.herder;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.status.ConnectorTaskId;
import java.util.List;
import java.util.Map;

/**
 * A connector as {@code GET /connectors/{name}} shows it: its name, its configuration (password
 * values masked by the caller), its tasks and its kind.
 */
public record ConnectorInfo(
    String name, Map<String, String> config, List<ConnectorTaskId> tasks, ConnectorType type) {
  public ConnectorInfo {
    requireNonNull(name, "name is null");
    config = Map.copyOf(requireNonNull(config, "config is null"));
    tasks = List.copyOf(requireNonNull(tasks, "tasks is null"));
    requireNonNull(type, "type is null");
  }
}
