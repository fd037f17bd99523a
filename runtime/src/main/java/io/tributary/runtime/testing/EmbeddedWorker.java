package io.tributary.runtime.testing;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.ConnectorDefinition;
import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.WorkerRuntime;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A standalone worker in this JVM for tests: REST on a free loopback port, offsets and connectors
 * files under a given directory. {@link #restart} stops it and starts it again on the same files
 * and port, as a worker restarted by its operator. AutoCloseable.
 */
public final class EmbeddedWorker implements AutoCloseable {
  private final Map<String, String> settings;
  private WorkerRuntime runtime;

  private EmbeddedWorker(Map<String, String> settings) {
    this.settings = settings;
  }

  /**
   * Starts a worker against {@code bootstrapServers}, keeping its files under {@code dir}; {@code
   * extra} settings (Kafka Connect's worker keys) win over the defaults.
   */
  public static EmbeddedWorker start(String bootstrapServers, Path dir, Map<String, String> extra) {
    requireNonNull(bootstrapServers, "bootstrapServers is null");
    requireNonNull(dir, "dir is null");
    Map<String, String> settings = new HashMap<>();
    settings.put(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    settings.put(WorkerConfig.LISTENERS_CONFIG, "http://127.0.0.1:0");
    settings.put(
        WorkerConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG, dir.resolve("offsets.json").toString());
    settings.put(
        WorkerConfig.CONFIG_STORAGE_FILE_FILENAME_CONFIG,
        dir.resolve("connectors.json").toString());
    settings.put(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, "1000");
    settings.putAll(extra);
    EmbeddedWorker worker = new EmbeddedWorker(settings);
    worker.startRuntime(List.of());
    return worker;
  }

  private void startRuntime(List<ConnectorDefinition> connectors) {
    runtime = WorkerRuntime.start(new WorkerConfig(settings), connectors);
    // Keep the port for restarts.
    settings.put(WorkerConfig.LISTENERS_CONFIG, "http://127.0.0.1:" + runtime.restUrl().getPort());
  }

  public URI restUrl() {
    return runtime.restUrl();
  }

  public WorkerRuntime runtime() {
    return runtime;
  }

  /** Stops the worker cleanly and starts it again on the same files and port. */
  public void restart() {
    runtime.close();
    startRuntime(List.of());
  }

  @Override
  public void close() {
    if (runtime != null) {
      runtime.close();
      runtime = null;
    }
  }
}
