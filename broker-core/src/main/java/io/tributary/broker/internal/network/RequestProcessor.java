package io.tributary.broker.internal.network;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.network.Send;

/**
 * Turns one complete request frame (without its 4-byte size prefix) into the response to send back.
 *
 * <p>The network layer calls {@link #process} for one request of a connection at a time, in the
 * order the requests arrived, and writes each response before processing the next request of that
 * connection, as Kafka clients expect. Implementations must be thread-safe across connections.
 *
 * <p>{@link #process} is called on the connection's network thread and must not block it. It may
 * complete the returned stage right away (the response is then written at once, on the same thread)
 * or later on any thread (the response is then handed back to the network thread).
 */
public interface RequestProcessor {

  /**
   * Processes one request.
   *
   * @return the response including its size prefix, or empty when the protocol wants no response (a
   *     produce request with acks=0). A failed stage closes the connection.
   */
  CompletionStage<Optional<Send>> process(ConnectionInfo connection, ByteBuffer frame);

  /** Called once when a connection closes, for cleanup of per-connection state. */
  default void connectionClosed(ConnectionInfo connection) {}
}
