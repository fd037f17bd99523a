package io.tributary.runtime.internal.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tributary.runtime.internal.herder.Herder;
import io.tributary.runtime.internal.rest.RestEntities.ConfigInfosBody;
import io.tributary.runtime.internal.rest.RestEntities.ConfigKeyBody;
import io.tributary.runtime.internal.rest.RestEntities.PluginInfoBody;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /connector-plugins}: the installed plugins, a plugin's config definition, and validating a
 * connector configuration, as Kafka Connect's REST API does.
 */
final class ConnectorPluginsRoutes {
  static final String CONNECTOR_CLASS_CONFIG = "connector.class";
  private static final String ALIAS_SUFFIX = "Connector";
  private static final TypeReference<Map<String, String>> CONFIG = new TypeReference<>() {};

  private final Supplier<Herder> herder;
  private final RestJson json;

  ConnectorPluginsRoutes(Supplier<Herder> herder, RestJson json) {
    this.herder = herder;
    this.json = json;
  }

  void bind(Endpoints endpoints) {
    endpoints
        .get("/connector-plugins", this::list)
        .get("/connector-plugins/:plugin/config", this::pluginConfig)
        .put("/connector-plugins/:plugin/config/validate", this::validate);
  }

  /** Connectors only unless {@code connectorsOnly=false}. */
  private Reply list(RoutingContext ctx) {
    boolean connectorsOnly = PathParams.flag(ctx, "connectorsOnly", true);
    return Reply.ok(
        herder.get().connectorPlugins(connectorsOnly).stream().map(PluginInfoBody::of).toList());
  }

  private Reply pluginConfig(RoutingContext ctx) {
    return Reply.ok(
        herder.get().pluginConfig(ctx.pathParam("plugin")).stream()
            .map(ConfigKeyBody::of)
            .toList());
  }

  /**
   * Validates the body as a connector configuration. A {@code connector.class} in it must name the
   * plugin of the path (by class name or alias, with or without the {@code Connector} suffix).
   */
  private Reply validate(RoutingContext ctx) {
    String plugin = ctx.pathParam("plugin");
    Map<String, String> config = new HashMap<>(json.read(ctx, CONFIG));
    config.values().removeIf(v -> v == null);
    String included = config.get(CONNECTOR_CLASS_CONFIG);
    if (included != null && !normalized(included).endsWith(normalized(plugin))) {
      throw RestException.badRequest(
          "Included connector type "
              + included
              + " does not match request type "
              + plugin
              + "; validate against /connector-plugins/"
              + included
              + "/config/validate or change connector.class.");
    }
    return Reply.ok(ConfigInfosBody.of(herder.get().validateConnectorConfig(config)));
  }

  /** A class name or alias without its {@code Connector} suffix, so both forms compare equal. */
  private static String normalized(String pluginName) {
    return pluginName.endsWith(ALIAS_SUFFIX) && pluginName.length() > ALIAS_SUFFIX.length()
        ? pluginName.substring(0, pluginName.length() - ALIAS_SUFFIX.length())
        : pluginName;
  }
}
