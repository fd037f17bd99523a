package io.tributary.runtime.internal.rest;

import io.tributary.runtime.internal.status.ConnectorTaskId;
import io.vertx.ext.web.RoutingContext;

/** Path and query parameters as Kafka Connect's REST API reads them. */
final class PathParams {
  private PathParams() {}

  /** The {@code :name} path parameter: a connector's name, URL-decoded. */
  static String connector(RoutingContext ctx) {
    return ctx.pathParam("name");
  }

  /**
   * The task of {@code /connectors/:name/tasks/:task/...}. A task id that is not a non-negative
   * integer names no task: 404, as in Kafka Connect.
   */
  static ConnectorTaskId task(RoutingContext ctx) {
    String name = connector(ctx);
    String task = ctx.pathParam("task");
    int index;
    try {
      index = Integer.parseInt(task);
    } catch (NumberFormatException e) {
      throw RestException.notFound(
          "Task id '" + task + "' of connector " + name + " is not a task number.");
    }
    if (index < 0) {
      throw RestException.notFound("Task " + task + " of connector " + name + " does not exist.");
    }
    return new ConnectorTaskId(name, index);
  }

  /**
   * A boolean query parameter as JAX-RS reads it: {@code true} (any case) is true, anything else
   * false, and an absent one {@code absent}.
   */
  static boolean flag(RoutingContext ctx, String name, boolean absent) {
    String value = ctx.queryParams().get(name);
    return value == null ? absent : Boolean.parseBoolean(value);
  }
}
