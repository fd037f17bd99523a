package io.tributary.registry.server.internal.election;

import java.net.URI;
import java.util.Optional;

/**
 * Which of the instances sharing one {@code _schemas} topic may write. Exactly one instance is the
 * leader at a time (elected through the log's group protocol); the others forward writes to it over
 * HTTP.
 *
 * <p>Thread-safe: the answers may change at any time as instances come and go.
 */
public interface LeaderElection extends AutoCloseable {

  /** Whether this instance is the leader now (and has caught up with the log). */
  boolean isLeader();

  /** The leader's REST base URL, such as {@code http://127.0.0.1:8081}; empty while unknown. */
  Optional<URI> leaderUrl();

  @Override
  void close();
}
