package io.tributary.registry.server.internal.election;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

/**
 * A {@link LeaderElection} whose real election is set later: the REST server needs an election when
 * it is created, but the election needs the URL the REST server bound. Until {@link #set} it
 * answers "not the leader, leader unknown", so writes are refused rather than misrouted.
 * Thread-safe.
 */
public final class DeferredLeaderElection implements LeaderElection {
  private volatile LeaderElection delegate;

  /** Answers from {@code election} from now on; it is closed with this one. */
  public void set(LeaderElection election) {
    this.delegate = requireNonNull(election, "election is null");
  }

  @Override
  public boolean isLeader() {
    LeaderElection d = delegate;
    return d != null && d.isLeader();
  }

  @Override
  public Optional<URI> leaderUrl() {
    LeaderElection d = delegate;
    return d == null ? Optional.empty() : d.leaderUrl();
  }

  @Override
  public void close() {
    LeaderElection d = delegate;
    if (d != null) {
      d.close();
    }
  }
}
