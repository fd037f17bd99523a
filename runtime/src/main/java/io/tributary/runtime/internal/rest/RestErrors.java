package io.tributary.runtime.internal.rest;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.runtime.internal.herder.HerderException;
import io.tributary.runtime.internal.rest.RestEntities.ErrorMessage;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into Kafka Connect's error body {@code {"error_code", "message"}} with the
 * matching HTTP status: the herder's refusals by their kind, the REST layer's own by their status,
 * unknown paths 404, wrong methods 405, and anything unexpected 500 (logged with its stack trace).
 */
final class RestErrors {
  private static final Logger LOGGER = LoggerFactory.getLogger(RestErrors.class);

  private final RestJson json;

  RestErrors(RestJson json) {
    this.json = json;
  }

  /** The HTTP status Kafka Connect answers for a herder refusal of this kind. */
  static int statusOf(HerderException.Kind kind) {
    return switch (kind) {
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, CONFLICT -> 409;
      case INVALID -> 400;
      case NOT_READY -> 503;
    };
  }

  /** The failure handler of every route. */
  void handleFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status;
    String message;
    if (failure instanceof RestException e) {
      status = e.status();
      message = e.getMessage();
    } else if (failure instanceof HerderException e) {
      status = statusOf(e.kind());
      message = e.getMessage();
    } else if (failure != null) {
      status = 500;
      message = failure.getMessage() != null ? failure.getMessage() : failure.toString();
      LOGGER.error(
          "Unexpected error serving {} {}", ctx.request().method(), ctx.request().path(), failure);
    } else {
      // Failed by status alone (e.g. a body over the size limit).
      status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      message = reason(status);
    }
    if (failure != null && status != 500) {
      LOGGER.debug(
          "Refused {} {} with {}: {}",
          ctx.request().method(),
          ctx.request().path(),
          status,
          message);
    }
    send(ctx, status, message);
  }

  /** Router error handler for requests no route matches by path (404) or by method (405). */
  void handleUnrouted(RoutingContext ctx, int status) {
    send(ctx, status, reason(status));
  }

  private void send(RoutingContext ctx, int status, String message) {
    if (ctx.response().headWritten()) {
      // Too late for an error body; closing tells the client the response is incomplete.
      ctx.response().reset();
      return;
    }
    json.send(ctx, Reply.status(status, new ErrorMessage(status, message)));
  }

  /** JAX-RS's wording, which Kafka Connect's clients see for errors without a message. */
  private static String reason(int status) {
    return "HTTP " + status + " " + HttpResponseStatus.valueOf(status).reasonPhrase();
  }
}
