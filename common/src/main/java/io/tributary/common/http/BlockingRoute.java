package io.tributary.common.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Binds a route whose handler may block: it runs on Vert.x's worker pool, never on the event loop,
 * and requests are not ordered against each other. What the handler throws goes to the router's
 * failure handler ({@link RoutingContext#fail(Throwable)}), where the server turns it into its own
 * error body.
 */
public final class BlockingRoute {
  /** A handler that answers the request itself, or throws. May block. */
  @FunctionalInterface
  public interface Handler {
    void handle(RoutingContext ctx) throws Exception;
  }

  private BlockingRoute() {}

  /** Routes {@code method path} on {@code router} to {@code handler}, run on a worker thread. */
  public static void bind(Router router, HttpMethod method, String path, Handler handler) {
    requireNonNull(handler, "handler is null");
    router
        .route(method, path)
        .blockingHandler(
            ctx -> {
              try {
                handler.handle(ctx);
              } catch (Exception e) {
                ctx.fail(e);
              }
            },
            false);
  }
}
