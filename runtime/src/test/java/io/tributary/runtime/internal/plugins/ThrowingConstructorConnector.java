package io.tributary.runtime.internal.plugins;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/** A broken plugin: its constructor throws, as a plugin missing a dependency might. */
public class ThrowingConstructorConnector extends SourceConnector {
  public ThrowingConstructorConnector() {
    throw new IllegalStateException("broken on purpose");
  }

  @Override
  public String version() {
    return "0.0.1";
  }

  @Override
  public void start(Map<String, String> props) {}

  @Override
  public Class<? extends Task> taskClass() {
    throw new UnsupportedOperationException("never started in tests");
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of();
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return new ConfigDef();
  }
}
