package io.tributary.runtime.internal.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tributary.runtime.internal.herder.Herder;
import io.tributary.runtime.internal.herder.HerderException;
import io.tributary.runtime.internal.rest.RestEntities.ConnectorInfoBody;
import io.tributary.runtime.internal.rest.RestEntities.ConnectorStateBody;
import io.tributary.runtime.internal.rest.RestEntities.CreateConnectorRequest;
import io.tributary.runtime.internal.rest.RestEntities.TaskInfoBody;
import io.tributary.runtime.internal.status.TargetState;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /connectors}: listing, creating, reading, reconfiguring and deleting connectors, and their
 * task configurations, as Kafka Connect's REST API does.
 */
final class ConnectorsRoutes {
  private static final Logger LOGGER = LoggerFactory.getLogger(ConnectorsRoutes.class);

  static final String NAME_CONFIG = "name";
  private static final TypeReference<Map<String, String>> CONFIG = new TypeReference<>() {};
  private static final TypeReference<CreateConnectorRequest> CREATE = new TypeReference<>() {};

  private final Supplier<Herder> herder;
  private final RestJson json;

  ConnectorsRoutes(Supplier<Herder> herder, RestJson json) {
    this.herder = herder;
    this.json = json;
  }

  void bind(Endpoints endpoints) {
    endpoints
        .get("/connectors", this::list)
        .post("/connectors", this::create)
        .get("/connectors/:name", this::info)
        .delete("/connectors/:name", this::delete)
        .get("/connectors/:name/config", this::config)
        .put("/connectors/:name/config", this::putConfig)
        .patch("/connectors/:name/config", this::patchConfig)
        .get("/connectors/:name/tasks", this::tasks);
  }

  /** Names, or with {@code expand=status} and/or {@code expand=info} a map of name to both. */
  private Reply list(RoutingContext ctx) {
    Herder h = herder.get();
    List<String> expansions = ctx.queryParams().getAll("expand");
    if (expansions.isEmpty()) {
      return Reply.ok(h.connectors());
    }
    Map<String, Map<String, Object>> expanded = new LinkedHashMap<>();
    for (String name : h.connectors()) {
      try {
        Map<String, Object> views = new LinkedHashMap<>();
        for (String expansion : expansions) {
          switch (expansion) {
            case "status" -> views.put("status", ConnectorStateBody.of(h.connectorStatus(name)));
            case "info" -> views.put("info", ConnectorInfoBody.of(h.connectorInfo(name)));
            default -> LOGGER.info("Ignoring unknown expansion type {}", expansion);
          }
        }
        expanded.put(name, views);
      } catch (HerderException e) {
        if (e.kind() != HerderException.Kind.NOT_FOUND) {
          throw e;
        }
        // Deleted while listing: left out, as Kafka Connect does.
        LOGGER.debug("Connector {} disappeared while listing connectors", name);
      }
    }
    return Reply.ok(expanded);
  }

  private Reply create(RoutingContext ctx) {
    CreateConnectorRequest request = json.read(ctx, CREATE);
    String name = request.name() == null ? "" : request.name().trim();
    if (name.isEmpty()) {
      throw RestException.badRequest(
          "The request body needs a non-blank \"name\" for the connector, e.g."
              + " {\"name\": \"my-connector\", \"config\": {...}}.");
    }
    if (request.config() == null) {
      throw RestException.badRequest(
          "The request body needs a \"config\" object with the configuration of connector "
              + name
              + ".");
    }
    Map<String, String> config = withName(name, request.config());
    TargetState initialState = initialState(request.initialState());
    Herder.Created created = herder.get().putConnectorConfig(name, config, initialState, false);
    return Reply.created(ConnectorInfoBody.of(created.info()), location(ctx, name));
  }

  private Reply info(RoutingContext ctx) {
    return Reply.ok(ConnectorInfoBody.of(herder.get().connectorInfo(PathParams.connector(ctx))));
  }

  private Reply delete(RoutingContext ctx) {
    herder.get().deleteConnector(PathParams.connector(ctx));
    return Reply.noContent();
  }

  private Reply config(RoutingContext ctx) {
    return Reply.ok(herder.get().connectorConfig(PathParams.connector(ctx)));
  }

  /** Creates (201 with Location) or replaces (200) the connector's configuration. */
  private Reply putConfig(RoutingContext ctx) {
    String name = PathParams.connector(ctx);
    Map<String, String> config = withName(name, json.read(ctx, CONFIG));
    Herder.Created result =
        herder.get().putConnectorConfig(name, config, TargetState.STARTED, true);
    ConnectorInfoBody body = ConnectorInfoBody.of(result.info());
    return result.created() ? Reply.created(body, location(ctx, name)) : Reply.ok(body);
  }

  /** Merges the body into the configuration; a null value removes its key. */
  private Reply patchConfig(RoutingContext ctx) {
    String name = PathParams.connector(ctx);
    Map<String, String> patch = json.read(ctx, CONFIG);
    return Reply.ok(ConnectorInfoBody.of(herder.get().patchConnectorConfig(name, patch)));
  }

  private Reply tasks(RoutingContext ctx) {
    return Reply.ok(
        herder.get().taskConfigs(PathParams.connector(ctx)).stream()
            .map(TaskInfoBody::of)
            .toList());
  }

  /**
   * The configuration with {@code name} set to the connector's name, refusing a config whose own
   * {@code name} differs, and refusing null values (a key without a value is left out instead).
   */
  static Map<String, String> withName(String name, Map<String, String> config) {
    Map<String, String> result = new HashMap<>();
    for (Map.Entry<String, String> entry : config.entrySet()) {
      if (entry.getValue() == null) {
        throw RestException.badRequest(
            "The value of config key '"
                + entry.getKey()
                + "' of connector "
                + name
                + " is null; give a value or leave the key out.");
      }
      result.put(entry.getKey(), entry.getValue());
    }
    String included = result.putIfAbsent(NAME_CONFIG, name);
    if (included != null && !included.equals(name)) {
      throw RestException.badRequest(
          "Connector name configuration ("
              + included
              + ") doesn't match connector name in the URL ("
              + name
              + "); make them equal or leave 'name' out of the config.");
    }
    return result;
  }

  private static TargetState initialState(String initialState) {
    if (initialState == null) {
      return TargetState.STARTED;
    }
    return switch (initialState.trim().toUpperCase(Locale.ROOT)) {
      case "RUNNING" -> TargetState.STARTED;
      case "PAUSED" -> TargetState.PAUSED;
      case "STOPPED" -> TargetState.STOPPED;
      default ->
          throw RestException.badRequest(
              "Invalid initial_state '" + initialState + "': use RUNNING, PAUSED or STOPPED.");
    };
  }

  /** The absolute URL of a connector, for the {@code Location} of a 201. */
  private static String location(RoutingContext ctx, String name) {
    try {
      String path = new URI(null, null, "/connectors/" + name, null).toASCIIString();
      return URI.create(ctx.request().absoluteURI()).resolve(path).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "Cannot build the URL of connector " + name + ": " + e.getMessage(), e);
    }
  }
}
