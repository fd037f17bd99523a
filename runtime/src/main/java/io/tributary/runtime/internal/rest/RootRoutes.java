package io.tributary.runtime.internal.rest;

import io.tributary.runtime.internal.herder.Herder;
import io.tributary.runtime.internal.rest.RestEntities.ServerInfo;
import io.tributary.runtime.internal.rest.RestEntities.WorkerStatus;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.AppInfoParser;

/** {@code GET /} (versions and the Kafka cluster id) and {@code GET /health}. */
final class RootRoutes {
  static final String HEALTHY_MESSAGE =
      "Worker has completed startup and is ready to handle requests.";
  static final String STARTING_MESSAGE = "Worker is still starting up.";

  private final Supplier<Herder> herder;
  private final Supplier<Herder> herderIfAttached;

  /**
   * @param herder the herder, or a 503 when it is not attached yet
   * @param herderIfAttached the herder, or null when it is not attached yet
   */
  RootRoutes(Supplier<Herder> herder, Supplier<Herder> herderIfAttached) {
    this.herder = herder;
    this.herderIfAttached = herderIfAttached;
  }

  void bind(Endpoints endpoints) {
    endpoints.get("/", this::serverInfo).get("/health", this::health);
  }

  /** The Connect API version (Kafka's), its commit, and the worker's Kafka cluster id. */
  private Reply serverInfo(RoutingContext ctx) {
    return Reply.ok(
        new ServerInfo(
            AppInfoParser.getVersion(),
            AppInfoParser.getCommitId(),
            herder.get().kafkaClusterId()));
  }

  /** 200 healthy once the worker has started, 503 starting before. */
  private Reply health(RoutingContext ctx) {
    Herder h = herderIfAttached.get();
    if (h == null || !h.ready()) {
      return Reply.status(503, new WorkerStatus("starting", STARTING_MESSAGE));
    }
    return Reply.ok(new WorkerStatus("healthy", HEALTHY_MESSAGE));
  }
}
