package io.tributary.registry.server.internal.rest;

import static java.util.Objects.requireNonNull;

import io.tributary.common.http.VertxHttpServer;
import io.tributary.registry.server.internal.election.LeaderElection;
import io.tributary.registry.server.internal.service.SchemaRegistryService;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry's REST API: Confluent Schema Registry's paths, JSON bodies, media types, HTTP
 * statuses and error codes, served by Vert.x Web. Writes on an instance that is not the leader are
 * forwarded to the leader's URL (see {@link Forwarder}).
 *
 * <p>Lifecycle: {@link #start} binds and returns the bound URL; {@link #close()} stops listening
 * and releases the threads; a server starts at most once.
 *
 * <p>Threading: one event-loop thread accepts and routes; endpoints run on a pool of worker threads
 * because writes wait for the log. All public methods are thread-safe.
 */
public final class RegistryRestServer implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(RegistryRestServer.class);

  /** Largest request body accepted (Avro schemas are rarely past a few hundred KB). */
  static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

  private final SchemaRegistryService service;
  private final LeaderElection election;
  private final VertxHttpServer http = new VertxHttpServer("registry REST server");

  public RegistryRestServer(SchemaRegistryService service, LeaderElection election) {
    this.service = requireNonNull(service, "service is null");
    this.election = requireNonNull(election, "election is null");
  }

  /**
   * Binds {@code host:port} (port 0: any free port) and starts serving.
   *
   * @return the bound base URL, {@code http://host:port} without a trailing slash
   * @throws IllegalStateException when the address cannot be bound, or the server was started or
   *     closed before
   */
  public URI start(String host, int port) {
    requireNonNull(host, "host is null");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "Invalid port " + port + " for the registry's listener: use 0-65535 (0: any free port).");
    }
    URI url =
        http.start(
            host,
            port,
            this::router,
            cause ->
                "The schema registry cannot listen on "
                    + host
                    + ":"
                    + port
                    + ": "
                    + cause
                    + "; free the port or choose another (port 0 picks a free one).");
    LOGGER.info("Schema registry REST API listening on {}", url);
    return url;
  }

  /** The bound URL. */
  public URI url() {
    return http.url();
  }

  /** Stops listening, closes open connections and releases the threads. Idempotent. */
  @Override
  public void close() {
    if (http.stop()) {
      LOGGER.info("Schema registry REST API on {} stopped", http.url());
    }
  }

  private Router router(Vertx vertx) {
    RegistryJson json = new RegistryJson();
    RestErrors errors = new RestErrors(json);
    Forwarder forwarder = new Forwarder(election, service);
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    Endpoints endpoints = new Endpoints(router, json, forwarder);
    new SchemaRoutes(service).bind(endpoints);
    new SubjectRoutes(service, json, forwarder).bind(endpoints);
    new SettingsRoutes(service, json).bind(endpoints);
    router.route().failureHandler(errors::handleFailure);
    router.errorHandler(404, ctx -> errors.handleUnrouted(ctx, 404));
    router.errorHandler(405, ctx -> errors.handleUnrouted(ctx, 405));
    return router;
  }
}
