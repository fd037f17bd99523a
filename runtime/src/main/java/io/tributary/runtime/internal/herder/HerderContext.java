package io.tributary.runtime.internal.herder;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.plugins.PluginDesc;
import io.tributary.runtime.internal.plugins.PluginType;
import io.tributary.runtime.internal.status.StatusStore;
import io.tributary.runtime.internal.storage.ConfigStore;
import io.tributary.runtime.internal.storage.OffsetStore;
import io.tributary.runtime.internal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * What a herder works with: the worker that runs connectors and tasks, the plugins, the config
 * validator, the stores and an Admin client of the worker's Kafka cluster.
 *
 * @param workerId this worker's id
 * @param worker runs connectors and tasks
 * @param plugins the installed plugins
 * @param validator validates and masks connector configs
 * @param stores where configs, offsets and statuses live
 * @param admin the worker's Admin client (sink offsets, the cluster id); owned by the caller
 */
public record HerderContext(
    String workerId,
    Worker worker,
    io.tributary.runtime.internal.plugins.Plugins plugins,
    ConfigValidator validator,
    Stores stores,
    Admin admin) {
  /** How long an Admin call of the herder may take. */
  static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  public HerderContext {
    requireNonNull(workerId, "workerId is null");
    requireNonNull(worker, "worker is null");
    requireNonNull(plugins, "plugins is null");
    requireNonNull(validator, "validator is null");
    requireNonNull(stores, "stores is null");
    requireNonNull(admin, "admin is null");
  }

  /** The herder's stores. */
  public record Stores(ConfigStore configs, OffsetStore offsets, StatusStore statuses) {
    public Stores {
      requireNonNull(configs, "configs is null");
      requireNonNull(offsets, "offsets is null");
      requireNonNull(statuses, "statuses is null");
    }
  }

  /** The id of the Kafka cluster at {@code bootstrap.servers}. */
  String kafkaClusterId() {
    try {
      return admin
          .describeCluster()
          .clusterId()
          .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new ConnectException("Cannot reach the Kafka cluster to read its id: " + e, e);
    }
  }

  /** The installed plugins as {@code GET /connector-plugins} lists them. */
  List<PluginInfo> pluginInfos(boolean connectorsOnly) {
    List<PluginInfo> result = new ArrayList<>();
    for (PluginDesc plugin : plugins.plugins()) {
      boolean connector = plugin.type() == PluginType.SOURCE || plugin.type() == PluginType.SINK;
      if (connector || !connectorsOnly) {
        result.add(new PluginInfo(plugin.className(), plugin.type().restName(), plugin.version()));
      }
    }
    return result;
  }
}
