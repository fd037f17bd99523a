package io.tributary.registry.server.internal.rest;

import io.vertx.ext.web.RoutingContext;

/** Path and query parameters as Confluent's REST API reads them. */
final class Params {
  private Params() {}

  static String subject(RoutingContext ctx) {
    return ctx.pathParam("subject");
  }

  static String version(RoutingContext ctx) {
    return ctx.pathParam("version");
  }

  /** The {@code :id} path parameter; one that is not an integer matches no resource (404). */
  static int id(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    try {
      return Integer.parseInt(id);
    } catch (NumberFormatException e) {
      throw new RestException(
          404, 404, "HTTP 404 Not Found: schema id '" + id + "' is not a number.");
    }
  }

  /** A boolean query parameter: {@code true} (any case) is true, anything else false. */
  static boolean flag(RoutingContext ctx, String name) {
    return Boolean.parseBoolean(ctx.queryParams().get(name));
  }

  static String query(RoutingContext ctx, String name) {
    return ctx.queryParams().get(name);
  }
}
