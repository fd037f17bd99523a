package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import io.tributary.broker.internal.codec.DecodedRequest;
import io.tributary.broker.internal.codec.RequestCodec;
import io.tributary.broker.internal.network.ConnectionInfo;
import io.tributary.broker.internal.network.RequestProcessor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.network.Send;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes each request, checks its version against what the handler announced, runs the handler and
 * encodes the response. Unexpected handler failures become the API's error response
 * (UNKNOWN_SERVER_ERROR) rather than a dropped connection.
 *
 * <p>Threading: {@link #process} is called on the connection's network thread. A request whose
 * handler says it {@linkplain ApiHandler#nonBlocking cannot block} (a fetch from the log tail) is
 * served right there, so its response is written without any thread hand-off; every other request
 * (produce, whose append may fsync or roll a segment; group and admin requests, which may wait or
 * write files) runs on the request executor and its response goes back to the network thread.
 *
 * <p>Thread-safe.
 */
public final class RequestDispatcher implements RequestProcessor {
  private static final Logger LOGGER = LoggerFactory.getLogger(RequestDispatcher.class);

  private final Map<ApiKeys, ApiHandler<?>> handlers;
  private final Executor requestExecutor;
  private final List<ConnectionListener> connectionListeners;

  /** Told when a connection closes (e.g. to drop its pending long polls). */
  public interface ConnectionListener {
    void connectionClosed(String connectionId);
  }

  public RequestDispatcher(
      List<ApiHandler<?>> handlers,
      Executor requestExecutor,
      List<ConnectionListener> connectionListeners) {
    requireNonNull(handlers, "handlers is null");
    this.requestExecutor = requireNonNull(requestExecutor, "requestExecutor is null");
    this.connectionListeners = List.copyOf(connectionListeners);
    Map<ApiKeys, ApiHandler<?>> byKey = new EnumMap<>(ApiKeys.class);
    for (ApiHandler<?> handler : handlers) {
      ApiKeys apiKey = handler.versions().apiKey();
      if (byKey.put(apiKey, handler) != null) {
        throw new IllegalArgumentException("Two handlers for " + apiKey);
      }
    }
    byKey.put(ApiKeys.API_VERSIONS, new ApiVersionsHandler(new ArrayList<>(byKey.values())));
    this.handlers = byKey;
  }

  @Override
  public CompletionStage<Optional<Send>> process(ConnectionInfo connection, ByteBuffer frame) {
    DecodedRequest request;
    try {
      request = RequestCodec.decode(frame);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    ApiKeys apiKey = request.header().apiKey();
    ApiHandler<?> handler = handlers.get(apiKey);
    if (handler == null) {
      return CompletableFuture.failedFuture(
          new UnsupportedVersionException("API " + apiKey + " is not served by this broker"));
    }
    RequestContext context = new RequestContext(request.header(), connection);
    AbstractRequest body = request.body();
    return serve(handler, context, body)
        .exceptionally(e -> errorResponse(context, body, unwrap(e)))
        .thenApply(
            response -> {
              if (body instanceof ProduceRequest produce && produce.acks() == 0) {
                // No response to carry an error: close the connection so the producer notices
                // and refreshes its metadata, as Apache Kafka does.
                Map<Errors, Integer> errors = new java.util.HashMap<>(response.errorCounts());
                errors.remove(Errors.NONE);
                if (!errors.isEmpty()) {
                  throw new CompletionException(
                      new ApiException(
                          "A produce request with acks=0 failed with "
                              + errors.keySet()
                              + "; closing the connection to tell the producer"));
                }
                return Optional.<Send>empty();
              }
              return Optional.of(RequestCodec.encode(request.header(), response));
            });
  }

  @Override
  public void connectionClosed(ConnectionInfo connection) {
    for (ConnectionListener listener : connectionListeners) {
      listener.connectionClosed(connection.id());
    }
  }

  /**
   * Runs the handler on the calling (network) thread when it says the request cannot block, else on
   * the request executor. Inline, a request is answered without handing it to another thread and
   * the response back, which is most of a small request's latency on a busy machine.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private CompletableFuture<AbstractResponse> serve(
      ApiHandler handler, RequestContext context, AbstractRequest body) {
    boolean inline;
    try {
      inline = handler.nonBlocking(body);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (!inline) {
      return CompletableFuture.supplyAsync(() -> invoke(handler, context, body), requestExecutor)
          .thenCompose(f -> f);
    }
    try {
      return invoke(handler, context, body);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static CompletableFuture<AbstractResponse> invoke(
      ApiHandler handler, RequestContext context, AbstractRequest body) {
    short version = context.apiVersion();
    ApiVersionRange versions = handler.versions();
    if (versions.apiKey() != ApiKeys.API_VERSIONS && !versions.contains(version)) {
      throw new UnsupportedVersionException(
          "Version "
              + version
              + " of "
              + versions.apiKey()
              + " is not supported; this broker serves versions "
              + versions.lowest()
              + " to "
              + versions.highest());
    }
    return handler.handle(context, body);
  }

  private static AbstractResponse errorResponse(
      RequestContext context, AbstractRequest body, Throwable error) {
    if (error instanceof ConfigException) {
      // A config validation failure that a handler let through is the client's mistake.
      error = new InvalidConfigurationException(error.getMessage(), error);
    }
    if (!(error instanceof ApiException)) {
      LOGGER.error(
          "Unexpected failure serving {} v{} from client {}",
          context.header().apiKey(),
          context.apiVersion(),
          context.clientId(),
          error);
    }
    return body.getErrorResponse(0, error);
  }

  private static Throwable unwrap(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
