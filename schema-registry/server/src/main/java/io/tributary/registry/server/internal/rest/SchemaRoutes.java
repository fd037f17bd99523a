package io.tributary.registry.server.internal.rest;

import io.tributary.registry.server.internal.rest.RestEntities.SchemaStringBody;
import io.tributary.registry.server.internal.rest.RestEntities.SubjectVersionBody;
import io.tributary.registry.server.internal.service.SchemaRegistryService;
import io.tributary.registry.server.internal.service.SubjectVersion;
import java.util.Map;

/** {@code /schemas}: schemas by global id, and the supported schema types; and {@code GET /}. */
final class SchemaRoutes {
  private final SchemaRegistryService service;

  SchemaRoutes(SchemaRegistryService service) {
    this.service = service;
  }

  void bind(Endpoints endpoints) {
    endpoints
        .get("/", ctx -> Reply.ok(Map.of()))
        .get("/schemas/types", ctx -> Reply.ok(service.schemaTypes()))
        .get(
            "/schemas/ids/:id",
            ctx -> Reply.ok(SchemaStringBody.of(service.schema(Params.id(ctx)))))
        .get(
            "/schemas/ids/:id/schema",
            ctx -> Reply.rawJson(service.schema(Params.id(ctx)).schema()))
        .get(
            "/schemas/ids/:id/subjects",
            ctx ->
                Reply.ok(
                    service.usages(Params.id(ctx), Params.flag(ctx, "deleted")).stream()
                        .map(SubjectVersion::subject)
                        .distinct()
                        .toList()))
        .get(
            "/schemas/ids/:id/versions",
            ctx ->
                Reply.ok(
                    service.usages(Params.id(ctx), Params.flag(ctx, "deleted")).stream()
                        .map(u -> new SubjectVersionBody(u.subject(), u.version()))
                        .toList()));
  }
}
