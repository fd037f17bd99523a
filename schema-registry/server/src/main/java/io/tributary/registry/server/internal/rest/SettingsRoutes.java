package io.tributary.registry.server.internal.rest;

import io.tributary.registry.server.internal.rest.RestEntities.CompatibilityCheckBody;
import io.tributary.registry.server.internal.rest.RestEntities.ConfigBody;
import io.tributary.registry.server.internal.rest.RestEntities.ConfigUpdateBody;
import io.tributary.registry.server.internal.rest.RestEntities.ModeBody;
import io.tributary.registry.server.internal.rest.RestEntities.SchemaRequestBody;
import io.tributary.registry.server.internal.service.CompatibilityResult;
import io.tributary.registry.server.internal.service.CompatibilitySetting;
import io.tributary.registry.server.internal.service.SchemaRegistryService;
import io.tributary.registry.server.internal.service.Settings;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /config} (compatibility levels), {@code /mode} and {@code /compatibility} (checks), global
 * and per subject, as Confluent Schema Registry's REST API has them.
 */
final class SettingsRoutes {
  private final SchemaRegistryService service;
  private final Settings settings;
  private final RegistryJson json;

  SettingsRoutes(SchemaRegistryService service, RegistryJson json) {
    this.service = service;
    this.settings = service.settings();
    this.json = json;
  }

  void bind(Endpoints endpoints) {
    for (String path : new String[] {"/config", "/config/:subject"}) {
      endpoints
          .get(
              path,
              ctx ->
                  Reply.ok(
                      configBody(
                          settings.config(subject(ctx), Params.flag(ctx, "defaultToGlobal")))))
          .write(HttpMethod.PUT, path, this::putConfig)
          .write(
              HttpMethod.DELETE,
              path,
              ctx -> Reply.ok(configBody(settings.deleteConfig(subject(ctx)))));
    }
    for (String path : new String[] {"/mode", "/mode/:subject"}) {
      endpoints
          .get(
              path,
              ctx ->
                  Reply.ok(
                      new ModeBody(
                          settings.mode(subject(ctx), Params.flag(ctx, "defaultToGlobal")).name())))
          .write(HttpMethod.PUT, path, this::putMode)
          .write(
              HttpMethod.DELETE,
              path,
              ctx -> Reply.ok(new ModeBody(settings.deleteMode(subject(ctx)).name())));
    }
    endpoints
        .query("/compatibility/subjects/:subject/versions/:version", this::check)
        .query("/compatibility/subjects/:subject/versions", this::check);
  }

  private Reply putConfig(RoutingContext ctx) {
    ConfigUpdateBody body = json.read(ctx, ConfigUpdateBody.class);
    CompatibilitySetting set =
        settings.setConfig(subject(ctx), body.compatibility(), body.normalize());
    return Reply.ok(new ConfigUpdateBody(set.level().name(), set.normalize()));
  }

  private Reply putMode(RoutingContext ctx) {
    ModeBody body = json.read(ctx, ModeBody.class);
    return Reply.ok(
        new ModeBody(
            settings.setMode(subject(ctx), body.mode(), Params.flag(ctx, "force")).name()));
  }

  private Reply check(RoutingContext ctx) {
    SchemaRequestBody body = json.read(ctx, SchemaRequestBody.class);
    boolean verbose = Params.flag(ctx, "verbose");
    CompatibilityResult result =
        service.checkCompatibility(
            Params.subject(ctx),
            Params.version(ctx),
            body.toRequest(),
            Params.flag(ctx, "normalize"),
            verbose);
    return Reply.ok(
        new CompatibilityCheckBody(result.compatible(), verbose ? result.messages() : null));
  }

  /** The subject of a {@code /:subject} path, or null (global) for the bare path. */
  private static String subject(RoutingContext ctx) {
    return Params.subject(ctx);
  }

  private static ConfigBody configBody(CompatibilitySetting setting) {
    return new ConfigBody(setting.level().name(), setting.normalize());
  }
}
