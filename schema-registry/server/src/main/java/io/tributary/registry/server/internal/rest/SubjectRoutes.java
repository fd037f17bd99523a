package io.tributary.registry.server.internal.rest;

import io.tributary.registry.server.internal.rest.RestEntities.RegisterResponse;
import io.tributary.registry.server.internal.rest.RestEntities.SchemaBody;
import io.tributary.registry.server.internal.rest.RestEntities.SchemaRequestBody;
import io.tributary.registry.server.internal.service.RegisteredSchema;
import io.tributary.registry.server.internal.service.SchemaRegistryService;
import io.tributary.registry.server.internal.service.SchemaRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code /subjects}: listing subjects and versions, registering, looking up and deleting, as
 * Confluent Schema Registry's REST API does.
 */
final class SubjectRoutes {
  private static final String VERSIONS = "/subjects/:subject/versions";
  private static final String VERSION = VERSIONS + "/:version";

  private final SchemaRegistryService service;
  private final RegistryJson json;
  private final Forwarder forwarder;

  SubjectRoutes(SchemaRegistryService service, RegistryJson json, Forwarder forwarder) {
    this.service = service;
    this.json = json;
    this.forwarder = forwarder;
  }

  void bind(Endpoints endpoints) {
    endpoints
        .get(
            "/subjects",
            ctx ->
                Reply.ok(
                    service.subjects(
                        Params.query(ctx, "subjectPrefix"), Params.flag(ctx, "deleted"))))
        .get(
            VERSIONS,
            ctx -> Reply.ok(service.versions(Params.subject(ctx), Params.flag(ctx, "deleted"))))
        .query(VERSIONS, this::register)
        .get(VERSION, ctx -> Reply.ok(SchemaBody.of(version(ctx))))
        .get(VERSION + "/schema", ctx -> Reply.rawJson(version(ctx).schema()))
        .get(
            VERSION + "/referencedby",
            ctx -> Reply.ok(service.referencedBy(Params.subject(ctx), Params.version(ctx))))
        .write(
            HttpMethod.DELETE,
            VERSION,
            ctx ->
                Reply.ok(
                    service.deleteVersion(
                        Params.subject(ctx), Params.version(ctx), Params.flag(ctx, "permanent"))))
        .query("/subjects/:subject", this::lookup)
        .write(
            HttpMethod.DELETE,
            "/subjects/:subject",
            ctx ->
                Reply.ok(
                    service.deleteSubject(Params.subject(ctx), Params.flag(ctx, "permanent"))));
  }

  /**
   * Registers on the leader. Elsewhere, a schema the subject already has is answered here (as the
   * leader would: registering is idempotent); a new one is forwarded.
   */
  private Reply register(RoutingContext ctx) {
    SchemaRequest request = json.read(ctx, SchemaRequestBody.class).toRequest();
    boolean normalize = Params.flag(ctx, "normalize");
    String subject = Params.subject(ctx);
    if (forwarder.isLeader()) {
      return Reply.ok(new RegisterResponse(service.register(subject, request, normalize).id()));
    }
    Optional<RegisteredSchema> existing = service.findRegistered(subject, request, normalize);
    if (existing.isPresent()) {
      return Reply.ok(new RegisterResponse(existing.get().id()));
    }
    return forwarder.forward(ctx);
  }

  private Reply lookup(RoutingContext ctx) {
    SchemaRequest request = json.read(ctx, SchemaRequestBody.class).toRequest();
    return Reply.ok(
        SchemaBody.of(
            service.lookup(
                Params.subject(ctx),
                request,
                Params.flag(ctx, "normalize"),
                Params.flag(ctx, "deleted"))));
  }

  private RegisteredSchema version(RoutingContext ctx) {
    return service.version(Params.subject(ctx), Params.version(ctx), Params.flag(ctx, "deleted"));
  }
}
