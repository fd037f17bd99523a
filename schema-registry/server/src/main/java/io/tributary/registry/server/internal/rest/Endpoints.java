package io.tributary.registry.server.internal.rest;

import io.tributary.common.http.BlockingRoute;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Binds endpoints to a router. Each runs on Vert.x's worker pool, never on the event loop, because
 * writes wait for the log and forwarded requests for the leader. An endpoint returns a {@link
 * Reply} or throws; what it throws goes to the router's failure handler.
 */
final class Endpoints {
  /** One endpoint: reads what it needs from the request and answers. May block. */
  @FunctionalInterface
  interface Endpoint {
    Reply handle(RoutingContext ctx) throws Exception;
  }

  private final Router router;
  private final RegistryJson json;
  private final Forwarder forwarder;

  Endpoints(Router router, RegistryJson json, Forwarder forwarder) {
    this.router = router;
    this.json = json;
    this.forwarder = forwarder;
  }

  /** A read, served by this instance. */
  Endpoints get(String path, Endpoint endpoint) {
    return bind(HttpMethod.GET, path, endpoint);
  }

  /** A POST that only reads (lookup, compatibility check), served by this instance. */
  Endpoints query(String path, Endpoint endpoint) {
    return bind(HttpMethod.POST, path, endpoint);
  }

  /** A write: served here on the leader, forwarded to the leader elsewhere. */
  Endpoints write(HttpMethod method, String path, Endpoint endpoint) {
    return bind(method, path, ctx -> forwarder.leaderOrForward(ctx, endpoint));
  }

  private Endpoints bind(HttpMethod method, String path, Endpoint endpoint) {
    BlockingRoute.bind(router, method, path, ctx -> json.send(ctx, endpoint.handle(ctx)));
    return this;
  }
}
