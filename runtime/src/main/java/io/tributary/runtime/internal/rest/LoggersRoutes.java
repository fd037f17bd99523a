package io.tributary.runtime.internal.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tributary.runtime.internal.rest.RestEntities.LoggerLevelBody;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin/loggers}: read and change logger levels at runtime, as Kafka Connect's REST API
 * does. A standalone worker is the whole cluster, so {@code scope=cluster} applies locally too.
 */
final class LoggersRoutes {
  private static final Logger LOGGER = LoggerFactory.getLogger(LoggersRoutes.class);

  private static final String WORKER_SCOPE = "worker";
  private static final String CLUSTER_SCOPE = "cluster";
  private static final TypeReference<Map<String, String>> LEVEL = new TypeReference<>() {};

  private final LoggerLevels levels;
  private final RestJson json;

  LoggersRoutes(LoggerLevels levels, RestJson json) {
    this.levels = levels;
    this.json = json;
  }

  void bind(Endpoints endpoints) {
    endpoints
        .get("/admin/loggers", this::list)
        .get("/admin/loggers/:logger", this::level)
        .put("/admin/loggers/:logger", this::setLevel);
  }

  /** Loggers with an explicitly set level, and root. */
  private Reply list(RoutingContext ctx) {
    Map<String, LoggerLevelBody> body = new LinkedHashMap<>();
    levels.allLevels().forEach((name, level) -> body.put(name, body(level)));
    return Reply.ok(body);
  }

  private Reply level(RoutingContext ctx) {
    String name = ctx.pathParam("logger");
    return levels
        .level(name)
        .map(level -> Reply.ok(body(level)))
        .orElseThrow(() -> RestException.notFound("Logger " + name + " not found."));
  }

  /**
   * Sets the level of a logger and the loggers under it. With the worker scope (the default, and
   * what an unknown scope falls back to), answers the names of the loggers covered; with the
   * cluster scope, 204 as Kafka Connect does. An unknown level is 404, as in Kafka Connect.
   */
  private Reply setLevel(RoutingContext ctx) {
    String namespace = ctx.pathParam("logger");
    String scope = ctx.queryParams().get("scope");
    String levelName = json.read(ctx, LEVEL).get("level");
    if (levelName == null) {
      throw RestException.badRequest(
          "Desired 'level' parameter was not specified in request: give {\"level\": \"DEBUG\"}.");
    }
    var level =
        LoggerLevels.parseLevel(levelName)
            .orElseThrow(
                () ->
                    RestException.notFound(
                        "invalid log level '"
                            + levelName
                            + "'; use one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF, ALL."));
    String normalizedScope = scope == null ? WORKER_SCOPE : scope.toLowerCase(Locale.ROOT);
    if (normalizedScope.equals(CLUSTER_SCOPE)) {
      levels.setLevel(namespace, level);
      return Reply.noContent();
    }
    if (!normalizedScope.equals(WORKER_SCOPE)) {
      LOGGER.warn(
          "Received invalid scope '{}' in request to adjust logging level; will default to {}",
          scope,
          WORKER_SCOPE);
    }
    return Reply.ok(levels.setLevel(namespace, level));
  }

  private static LoggerLevelBody body(LoggerLevels.LoggerLevel level) {
    return new LoggerLevelBody(level.level(), level.lastModified());
  }
}
