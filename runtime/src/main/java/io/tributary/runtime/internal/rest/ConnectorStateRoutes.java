package io.tributary.runtime.internal.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tributary.runtime.internal.herder.ConnectorOffset;
import io.tributary.runtime.internal.herder.Herder;
import io.tributary.runtime.internal.rest.RestEntities.ActiveTopics;
import io.tributary.runtime.internal.rest.RestEntities.ConnectorStateBody;
import io.tributary.runtime.internal.rest.RestEntities.Message;
import io.tributary.runtime.internal.rest.RestEntities.Offset;
import io.tributary.runtime.internal.rest.RestEntities.Offsets;
import io.tributary.runtime.internal.rest.RestEntities.TaskState;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What a connector is doing and how to change it: statuses, restarts, pause / resume / stop, the
 * topics it used and its offsets, with Kafka Connect's paths, bodies and status codes.
 */
final class ConnectorStateRoutes {
  private static final TypeReference<Offsets> OFFSETS = new TypeReference<>() {};

  private final Supplier<Herder> herder;
  private final RestJson json;

  ConnectorStateRoutes(Supplier<Herder> herder, RestJson json) {
    this.herder = herder;
    this.json = json;
  }

  void bind(Endpoints endpoints) {
    endpoints
        .get("/connectors/:name/status", this::status)
        .get("/connectors/:name/tasks/:task/status", this::taskStatus)
        .post("/connectors/:name/restart", this::restart)
        .post("/connectors/:name/tasks/:task/restart", this::restartTask)
        .put("/connectors/:name/pause", this::pause)
        .put("/connectors/:name/resume", this::resume)
        .put("/connectors/:name/stop", this::stop)
        .get("/connectors/:name/topics", this::topics)
        .put("/connectors/:name/topics/reset", this::resetTopics)
        .get("/connectors/:name/offsets", this::offsets)
        .patch("/connectors/:name/offsets", this::alterOffsets)
        .delete("/connectors/:name/offsets", this::resetOffsets);
  }

  private Reply status(RoutingContext ctx) {
    return Reply.ok(ConnectorStateBody.of(herder.get().connectorStatus(PathParams.connector(ctx))));
  }

  private Reply taskStatus(RoutingContext ctx) {
    return Reply.ok(TaskState.of(herder.get().taskStatus(PathParams.task(ctx))));
  }

  /**
   * Without {@code includeTasks} and {@code onlyFailed}, restarts the connector instance alone and
   * answers 204; otherwise 202 with the status right after the restart was issued.
   */
  private Reply restart(RoutingContext ctx) {
    String name = PathParams.connector(ctx);
    boolean includeTasks = PathParams.flag(ctx, "includeTasks", false);
    boolean onlyFailed = PathParams.flag(ctx, "onlyFailed", false);
    var status = herder.get().restartConnector(name, includeTasks, onlyFailed);
    if (!includeTasks && !onlyFailed) {
      return Reply.noContent();
    }
    return Reply.accepted(ConnectorStateBody.of(status));
  }

  private Reply restartTask(RoutingContext ctx) {
    herder.get().restartTask(PathParams.task(ctx));
    return Reply.noContent();
  }

  private Reply pause(RoutingContext ctx) {
    herder.get().pauseConnector(PathParams.connector(ctx));
    return Reply.accepted();
  }

  private Reply resume(RoutingContext ctx) {
    herder.get().resumeConnector(PathParams.connector(ctx));
    return Reply.accepted();
  }

  private Reply stop(RoutingContext ctx) {
    herder.get().stopConnector(PathParams.connector(ctx));
    return Reply.noContent();
  }

  /** {@code {"<name>": {"topics": [...]}}}, topics sorted. */
  private Reply topics(RoutingContext ctx) {
    String name = PathParams.connector(ctx);
    List<String> topics = List.copyOf(new TreeSet<>(herder.get().connectorActiveTopics(name)));
    return Reply.ok(Map.of(name, new ActiveTopics(topics)));
  }

  /** 202 with no body, as Kafka Connect answers. */
  private Reply resetTopics(RoutingContext ctx) {
    herder.get().resetConnectorActiveTopics(PathParams.connector(ctx));
    return Reply.accepted();
  }

  private Reply offsets(RoutingContext ctx) {
    List<Offset> offsets =
        herder.get().connectorOffsets(PathParams.connector(ctx)).stream().map(Offset::of).toList();
    return Reply.ok(new Offsets(offsets));
  }

  private Reply alterOffsets(RoutingContext ctx) {
    String name = PathParams.connector(ctx);
    Offsets body = json.read(ctx, OFFSETS);
    if (body.offsets() == null || body.offsets().isEmpty()) {
      throw RestException.badRequest(
          "Partitions / offsets need to be provided for an alter offsets request: give"
              + " {\"offsets\": [{\"partition\": {...}, \"offset\": {...}}]}.");
    }
    List<ConnectorOffset> offsets = new ArrayList<>();
    for (Offset offset : body.offsets()) {
      if (offset == null || offset.partition() == null) {
        throw RestException.badRequest(
            "Every entry of \"offsets\" needs a \"partition\" object; entry "
                + offsets.size()
                + " has none.");
      }
      offsets.add(new ConnectorOffset(offset.partition(), offset.offset()));
    }
    return Reply.ok(new Message(herder.get().alterConnectorOffsets(name, offsets)));
  }

  private Reply resetOffsets(RoutingContext ctx) {
    return Reply.ok(new Message(herder.get().resetConnectorOffsets(PathParams.connector(ctx))));
  }
}
