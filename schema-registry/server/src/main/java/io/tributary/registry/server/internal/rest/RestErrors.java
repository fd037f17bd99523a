package io.tributary.registry.server.internal.rest;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.registry.server.internal.rest.RestEntities.ErrorMessage;
import io.tributary.registry.server.internal.service.RegistryException;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into Confluent's error body {@code {"error_code", "message"}}: the registry's
 * refusals with their codes (e.g. 404 / 40401), the REST layer's own (400 malformed JSON, 415,
 * 422), unknown paths 404, wrong methods 405, anything unexpected 500 (logged with its trace).
 */
final class RestErrors {
  private static final Logger LOGGER = LoggerFactory.getLogger(RestErrors.class);

  private final RegistryJson json;

  RestErrors(RegistryJson json) {
    this.json = json;
  }

  /** The failure handler of every route. */
  void handleFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status;
    int code;
    String message;
    if (failure instanceof RegistryException e) {
      status = e.httpStatus();
      code = e.errorCode();
      message = e.getMessage();
      if (status >= 500) {
        LOGGER.warn(
            "{} {} failed with {}: {}",
            ctx.request().method(),
            ctx.request().path(),
            code,
            message);
      }
    } else if (failure instanceof RestException e) {
      status = e.status();
      code = e.errorCode();
      message = e.getMessage();
    } else if (failure != null) {
      status = 500;
      code = 500;
      message =
          "Internal error: " + (failure.getMessage() != null ? failure.getMessage() : failure);
      LOGGER.error(
          "Unexpected error serving {} {}", ctx.request().method(), ctx.request().path(), failure);
    } else {
      // Failed by status alone (e.g. a body over the size limit).
      status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      code = status;
      message = reason(status);
    }
    send(ctx, status, code, message);
  }

  /** Router error handler for requests no route matches by path (404) or by method (405). */
  void handleUnrouted(RoutingContext ctx, int status) {
    send(ctx, status, status, reason(status));
  }

  private void send(RoutingContext ctx, int status, int code, String message) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    json.send(ctx, new Reply(status, new ErrorMessage(code, message), null, null));
  }

  private static String reason(int status) {
    return "HTTP " + status + " " + HttpResponseStatus.valueOf(status).reasonPhrase();
  }
}
