package io.tributary.runtime.internal.rest;

import static java.util.Objects.requireNonNull;

import io.tributary.common.http.VertxHttpServer;
import io.tributary.runtime.WorkerConfig;
import io.tributary.runtime.internal.herder.Herder;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's REST API, Kafka Connect's paths, JSON bodies and status codes, served by Vert.x Web
 * on the {@code listeners} address ({@code http://host:port}; port 0 picks a free port).
 *
 * <p>Lifecycle: {@link #start()} binds the listener and returns the bound URL; until a herder is
 * {@link #attach(Herder) attached}, {@code GET /health} answers 503 "starting" and the connector
 * endpoints 503, so the listener can be bound first and its port put into the worker id. {@link
 * #close()} stops listening and releases the threads; a closed server cannot be restarted.
 *
 * <p>Threading: one event-loop thread accepts and routes; endpoints run on a pool of worker threads
 * because herder calls may block. All public methods are thread-safe.
 */
public final class RestServer implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(RestServer.class);

  /** Largest request body accepted (a connector config is a few KB). */
  static final long MAX_BODY_BYTES = 10L * 1024 * 1024;

  private final URI listener;
  private final LoggerLevels loggerLevels;
  private final VertxHttpServer http = new VertxHttpServer("REST server");
  private volatile Herder herder;

  /** A server on the config's {@code listeners} address, managing logback's logger levels. */
  public RestServer(WorkerConfig config) {
    this(listener(config.getList(WorkerConfig.LISTENERS_CONFIG)), LoggerLevels.ofSlf4j());
  }

  /**
   * @param listener where to listen, {@code http://host:port}
   * @param loggerLevels what {@code /admin/loggers} reads and changes
   */
  public RestServer(URI listener, LoggerLevels loggerLevels) {
    this.listener = checkListener(requireNonNull(listener, "listener is null"));
    this.loggerLevels = requireNonNull(loggerLevels, "loggerLevels is null");
  }

  /**
   * Binds the listener and starts serving.
   *
   * @return the bound URL, {@code http://host:port} without a trailing slash
   * @throws IllegalStateException when the address cannot be bound (e.g. in use), or the server was
   *     started or closed before
   */
  public URI start() {
    long started = System.nanoTime();
    URI url =
        http.start(
            listener.getHost(),
            listener.getPort(),
            this::router,
            cause ->
                "Cannot listen on "
                    + listener
                    + " ("
                    + WorkerConfig.LISTENERS_CONFIG
                    + "): "
                    + cause
                    + "; free the port or set "
                    + WorkerConfig.LISTENERS_CONFIG
                    + " to another address (port 0 picks a free one).");
    LOGGER.info(
        "REST API listening on {} (started in {} ms)",
        url,
        (System.nanoTime() - started) / 1_000_000);
    return url;
  }

  /** Serves requests with {@code herder} from now on. */
  public void attach(Herder herder) {
    this.herder = requireNonNull(herder, "herder is null");
  }

  /** The bound URL, {@code http://host:port}. */
  public URI url() {
    return http.url();
  }

  /** Stops listening, closes open connections and releases the threads. Idempotent. */
  @Override
  public void close() {
    if (http.stop()) {
      LOGGER.info("REST API on {} stopped", http.url());
    }
  }

  private Router router(Vertx vertx) {
    RestJson json = new RestJson();
    RestErrors errors = new RestErrors(json);
    Router router = Router.router(vertx);
    router.route().handler(new AccessLog());
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    Endpoints endpoints = new Endpoints(router, json);
    new RootRoutes(this::requireHerder, () -> herder).bind(endpoints);
    new ConnectorsRoutes(this::requireHerder, json).bind(endpoints);
    new ConnectorStateRoutes(this::requireHerder, json).bind(endpoints);
    new ConnectorPluginsRoutes(this::requireHerder, json).bind(endpoints);
    new LoggersRoutes(loggerLevels, json).bind(endpoints);
    router.route().failureHandler(errors::handleFailure);
    router.errorHandler(404, ctx -> errors.handleUnrouted(ctx, 404));
    router.errorHandler(405, ctx -> errors.handleUnrouted(ctx, 405));
    return router;
  }

  private Herder requireHerder() {
    Herder current = herder;
    if (current == null) {
      throw new RestException(
          RestException.SERVICE_UNAVAILABLE,
          RootRoutes.STARTING_MESSAGE + " Retry when GET /health answers 200.");
    }
    return current;
  }

  /** The one listener of the {@code listeners} setting. */
  static URI listener(List<String> listeners) {
    if (listeners.size() != 1) {
      throw new IllegalArgumentException(
          "Invalid value "
              + listeners
              + " for configuration "
              + WorkerConfig.LISTENERS_CONFIG
              + ": give exactly one listener, e.g. http://127.0.0.1:8083");
    }
    String value = listeners.get(0).trim();
    try {
      return URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid value "
              + value
              + " for configuration "
              + WorkerConfig.LISTENERS_CONFIG
              + ": not a URL like http://127.0.0.1:8083",
          e);
    }
  }

  private static URI checkListener(URI listener) {
    String scheme = listener.getScheme() == null ? "" : listener.getScheme();
    String problem = null;
    if (!scheme.toLowerCase(Locale.ROOT).equals("http")) {
      problem = "only http:// listeners are supported";
    } else if (listener.getHost() == null) {
      problem = "it has no host";
    } else if (listener.getPort() < 0 || listener.getPort() > 65535) {
      problem = "it needs a port (0 for any free port)";
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          "Invalid value "
              + listener
              + " for configuration "
              + WorkerConfig.LISTENERS_CONFIG
              + ": "
              + problem
              + ", e.g. http://127.0.0.1:8083");
    }
    return listener;
  }
}
