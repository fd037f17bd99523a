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
 * incomplete future instead of blocking.
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
}
