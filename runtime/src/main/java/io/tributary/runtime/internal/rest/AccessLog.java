package io.tributary.runtime.internal.rest;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DEBUG line per request once its response is written: method, path with query, status, and
 * milliseconds taken. Bodies are never logged (they may hold passwords).
 */
final class AccessLog implements Handler<RoutingContext> {
  private static final Logger LOGGER = LoggerFactory.getLogger(AccessLog.class);

  @Override
  public void handle(RoutingContext ctx) {
    if (LOGGER.isDebugEnabled()) {
      long started = System.nanoTime();
      ctx.addBodyEndHandler(
          ignored ->
              LOGGER.debug(
                  "{} {} {} {} ms",
                  ctx.request().method(),
                  ctx.request().uri(),
                  ctx.response().getStatusCode(),
                  (System.nanoTime() - started) / 1_000_000));
    }
    ctx.next();
  }
}
