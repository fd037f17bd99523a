package io.tributary.runtime.internal.herder;

import io.tributary.runtime.internal.status.TargetState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the herder keeps of one connector: its configuration, target state, current task configs and
 * the topics its tasks used. Guarded by the herder's monitor, except {@code activeTopics}, which
 * tasks add to from their threads.
 */
final class ManagedConnector {
  Map<String, String> config;
  TargetState target;
  List<Map<String, String>> taskConfigs = List.of();
  final Set<String> activeTopics = ConcurrentHashMap.newKeySet();

  ManagedConnector(Map<String, String> config, TargetState target) {
    this.config = Map.copyOf(config);
    this.target = target;
  }
}
