package io.tributary.runtime.internal.storage;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.status.TargetState;
import java.util.Map;

/**
 * The connectors' configurations and target states, as created and changed over REST. Standalone
 * mode keeps them in a local file ({@link FileConfigStore}) so REST-created connectors survive a
 * restart; distributed mode (a later issue) will keep them in a compacted topic.
 *
 * <p>Every change is durable and atomic before the method returns. Implementations are thread-safe.
 */
public interface ConfigStore extends AutoCloseable {
  /** One stored connector. */
  record StoredConnector(String name, Map<String, String> config, TargetState targetState) {
    public StoredConnector {
      requireNonNull(name, "name is null");
      config = Map.copyOf(requireNonNull(config, "config is null"));
      requireNonNull(targetState, "targetState is null");
    }
  }

  /** Every stored connector, by name. */
  Map<String, StoredConnector> connectors();

  /** Creates or replaces a connector's configuration, with its target state. */
  void put(String name, Map<String, String> config, TargetState targetState);

  /** Changes a stored connector's target state. */
  void putTargetState(String name, TargetState targetState);

  /** Forgets a connector; nothing happens when it is not stored. */
  void remove(String name);

  @Override
  void close();
}
