package io.tributary.common.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vert.x side of Tributary's REST servers (the worker's and the schema registry's): one
 * HTTP/1.1 listener on its own {@link Vertx} instance with one event-loop thread and a pool of
 * worker threads for blocking endpoints. The server that uses it brings the routes and the words of
 * its messages.
 *
 * <p>Lifecycle: NEW, then {@link #start} binds (STARTED) and returns the bound URL; {@link #stop()}
 * / {@link #close()} stop listening, close open connections and release the threads within a
 * bounded time (CLOSED). It starts at most once; a closed server cannot be restarted. A start that
 * fails leaves it CLOSED.
 *
 * <p>Threading: all public methods are thread-safe.
 */
public final class VertxHttpServer implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(VertxHttpServer.class);

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

  private final String name;
  private State state = State.NEW;
  private Vertx vertx;
  private String address;
  private URI url;

  /**
   * @param name what the server is called in messages, e.g. "REST server" ("The REST server is
   *     CLOSED; it can start only once.")
   */
  public VertxHttpServer(String name) {
    this.name = requireNonNull(name, "name is null");
  }

  /**
   * Binds {@code host:port} (port 0: any free port) and serves requests with the handler {@code
   * handler} makes for the server's {@link Vertx} (typically a Vert.x Web router).
   *
   * @param cannotListen the message of the exception thrown when the address cannot be bound, given
   *     the cause's message; it should name the address and say what to do (free the port or choose
   *     another)
   * @return the bound URL, {@code http://host:port} without a trailing slash (an IPv6 host in
   *     brackets)
   * @throws IllegalStateException when the address cannot be bound (e.g. in use), or the server was
   *     started or closed before
   */
  public synchronized URI start(
      String host,
      int port,
      Function<Vertx, Handler<HttpServerRequest>> handler,
      UnaryOperator<String> cannotListen) {
    requireNonNull(host, "host is null");
    requireNonNull(handler, "handler is null");
    requireNonNull(cannotListen, "cannotListen is null");
    if (state != State.NEW) {
      throw new IllegalStateException("The " + name + " is " + state + "; it can start only once.");
    }
    address = host + ":" + port;
    // The server resolves no names but its listener's host: the JDK's resolver does, and Vert.x
    // then skips loading and configuring Netty's DNS client, which costs start-up time.
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
                      // HTTP/1.1 only, as Kafka Connect and Confluent's registry: clients asking to
                      // upgrade to h2c (Java's HttpClient does by default) get their answer over
                      // HTTP/1.1.
                      .setHttp2ClearTextEnabled(false))
              .requestHandler(handler.apply(vertx))
              .listen()
              .toCompletionStage()
              .toCompletableFuture()
              .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw new IllegalStateException("Interrupted while starting the " + name, e);
    } catch (ExecutionException | TimeoutException e) {
      stop();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException(cannotListen.apply(cause.getMessage()), cause);
    } catch (RuntimeException e) {
      stop(); // e.g. the routes could not be built: release the threads
      throw e;
    }
    url = URI.create("http://" + hostForUrl(host) + ":" + server.actualPort());
    return url;
  }

  /** The bound URL, {@code http://host:port}. */
  public synchronized URI url() {
    if (url == null) {
      throw new IllegalStateException("The " + name + " is " + state + "; it has no URL.");
    }
    return url;
  }

  /**
   * Stops listening, closes open connections and releases the threads, waiting a bounded time.
   * Idempotent.
   *
   * @return whether this call stopped a serving server (one whose {@link #start} returned), and it
   *     stopped cleanly
   */
  public synchronized boolean stop() {
    if (state == State.CLOSED) {
      return false;
    }
    State before = state;
    state = State.CLOSED;
    if (before == State.NEW) {
      return false;
    }
    Object where = url != null ? url : address;
    try {
      vertx
          .close()
          .toCompletionStage()
          .toCompletableFuture()
          .get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return url != null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOGGER.warn("Interrupted while stopping the {} on {}", name, where);
    } catch (ExecutionException | TimeoutException e) {
      LOGGER.warn("The {} on {} did not stop cleanly", name, where, e);
    }
    return false;
  }

  /** {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** {@code host} as it stands in a URL: an IPv6 address in brackets. */
  static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static VertxOptions vertxOptions() {
    return new VertxOptions()
        .setEventLoopPoolSize(1)
        .setWorkerPoolSize(WORKER_THREADS)
        // Endpoints may block (a herder call while connectors stop, a write waiting for the log);
        // only warn past the callers' own timeouts.
        .setMaxWorkerExecuteTime(2)
        .setMaxWorkerExecuteTimeUnit(TimeUnit.MINUTES)
        // No static files are served: no classpath resolving, no file cache directory.
        .setFileSystemOptions(
            new FileSystemOptions()
                .setClassPathResolvingEnabled(false)
                .setFileCachingEnabled(false));
  }
}
