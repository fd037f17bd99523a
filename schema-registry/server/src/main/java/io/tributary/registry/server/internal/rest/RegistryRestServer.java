package io.tributary.registry.server.internal.rest;

import static java.util.Objects.requireNonNull;

import io.tributary.registry.server.internal.election.LeaderElection;
import io.tributary.registry.server.internal.service.SchemaRegistryService;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

  private static final String DISABLE_DNS_RESOLVER = "vertx.disableDnsResolver";
  private static final int WORKER_THREADS = 16;
  private static final long START_TIMEOUT_SECONDS = 30;
  private static final long CLOSE_TIMEOUT_SECONDS = 10;

  /** The server's lifecycle; each transition is legal only from the state before it. */
  private enum State {
    NEW,
    STARTED,
    CLOSED
  }

  private final SchemaRegistryService service;
  private final LeaderElection election;
  private State state = State.NEW;
  private Vertx vertx;
  private URI url;

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
  public synchronized URI start(String host, int port) {
    requireNonNull(host, "host is null");
    if (state != State.NEW) {
      throw new IllegalStateException(
          "The registry REST server is " + state + "; it can start only once.");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "Invalid port " + port + " for the registry's listener: use 0-65535 (0: any free port).");
    }
    if (System.getProperty(DISABLE_DNS_RESOLVER) == null) {
      System.setProperty(DISABLE_DNS_RESOLVER, "true");
    }
    vertx = Vertx.vertx(vertxOptions());
    state = State.STARTED;
    HttpServer server;
    try {
      server =
          vertx
              .createHttpServer(
                  new HttpServerOptions()
                      .setHost(host)
                      .setPort(port)
                      // HTTP/1.1 only: clients asking to upgrade to h2c (Java's HttpClient does by
                      // default) get their answer over HTTP/1.1.
                      .setHttp2ClearTextEnabled(false))
              .requestHandler(router())
              .listen()
              .toCompletionStage()
              .toCompletableFuture()
              .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("Interrupted while starting the registry REST server", e);
    } catch (ExecutionException | TimeoutException e) {
      close();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException(
          "The schema registry cannot listen on "
              + host
              + ":"
              + port
              + ": "
              + cause.getMessage()
              + "; free the port or choose another (port 0 picks a free one).",
          cause);
    }
    String urlHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    url = URI.create("http://" + urlHost + ":" + server.actualPort());
    LOGGER.info("Schema registry REST API listening on {}", url);
    return url;
  }

  /** The bound URL. */
  public synchronized URI url() {
    if (url == null) {
      throw new IllegalStateException("The registry REST server is " + state + "; it has no URL.");
    }
    return url;
  }

  /** Stops listening, closes open connections and releases the threads. Idempotent. */
  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    State before = state;
    state = State.CLOSED;
    if (before == State.NEW) {
      return;
    }
    try {
      vertx
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      LOGGER.info("Schema registry REST API on {} stopped", url);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOGGER.warn("Interrupted while stopping the registry REST server on {}", url);
    } catch (ExecutionException | TimeoutException e) {
      LOGGER.warn("The registry REST server on {} did not stop cleanly", url, e);
    }
  }

  private Router router() {
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

  private static VertxOptions vertxOptions() {
    return new VertxOptions()
        .setEventLoopPoolSize(1)
        .setWorkerPoolSize(WORKER_THREADS)
        .setMaxWorkerExecuteTime(2)
        .setMaxWorkerExecuteTimeUnit(TimeUnit.MINUTES)
        .setFileSystemOptions(
            new FileSystemOptions()
                .setClassPathResolvingEnabled(false)
                .setFileCachingEnabled(false));
  }
}
