package io.tributary.runtime.internal.rest;

import io.tributary.common.http.BlockingRoute;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Binds endpoints to a router. Each endpoint runs on Vert.x's worker pool, never on the event loop,
 * because herder calls may block while a connector stops or restarts; requests are not ordered
 * against each other. An endpoint returns a {@link Reply} or throws; what it throws goes to the
 * router's failure handler.
 */
final class Endpoints {
  /** One endpoint: reads what it needs from the request and answers. May block. */
  @FunctionalInterface
  interface Endpoint {
    Reply handle(RoutingContext ctx) throws Exception;
  }

  private final Router router;
  private final RestJson json;

  Endpoints(Router router, RestJson json) {
    this.router = router;
    this.json = json;
  }

  Endpoints get(String path, Endpoint endpoint) {
    return bind(HttpMethod.GET, path, endpoint);
  }

  Endpoints post(String path, Endpoint endpoint) {
    return bind(HttpMethod.POST, path, endpoint);
  }

  Endpoints put(String path, Endpoint endpoint) {
    return bind(HttpMethod.PUT, path, endpoint);
  }

  Endpoints patch(String path, Endpoint endpoint) {
    return bind(HttpMethod.PATCH, path, endpoint);
  }

  Endpoints delete(String path, Endpoint endpoint) {
    return bind(HttpMethod.DELETE, path, endpoint);
  }

  private Endpoints bind(HttpMethod method, String path, Endpoint endpoint) {
    BlockingRoute.bind(router, method, path, ctx -> json.send(ctx, endpoint.handle(ctx)));
    return this;
  }
}
