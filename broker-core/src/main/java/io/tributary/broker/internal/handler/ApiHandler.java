package io.tributary.broker.internal.handler;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * Serves one Kafka API. The version range ({@link #versions()}) is what ApiVersions announces, so
 * it must be exactly the versions this handler implements.
 *
 * <p>Handlers are called on the broker's request threads, concurrently for different connections;
 * they must be thread-safe. A handler that waits (long-poll fetch, group join) returns an
 * incomplete future instead of blocking. A request for which {@link #nonBlocking} says true is
 * served on the connection's network thread instead (see {@link RequestDispatcher}).
 *
 * @param <R> the request type
 */
public interface ApiHandler<R extends AbstractRequest> {

  /** The API served and the versions of it implemented; the same range on every call. */
  ApiVersionRange versions();

  /**
   * Serves the request. An exception (thrown or in the future) becomes the API's error response for
   * that exception's Kafka error code.
   */
  CompletableFuture<AbstractResponse> handle(RequestContext context, R request);

  /**
   * Whether {@link #handle} for this request is quick and can never block: no fsync, no file
   * creation, no lock that a slow operation may hold, no disk read that may miss the page cache, no
   * wait for another request. Such requests are served on the network thread that read them, which
   * saves two thread hand-offs (to a request thread and back) per request; everything else goes to
   * the request threads. Must itself be quick and must not block. The default, false, is always
   * safe.
   */
  default boolean nonBlocking(R request) {
    return false;
  }
}
