package io.tributary.registry.server.internal.service;

import io.tributary.registry.server.internal.election.LeaderElection;
import java.net.URI;
import java.util.Optional;

/** A {@link LeaderElection} whose answers a test sets. */
public final class FixedLeaderElection implements LeaderElection {
  private volatile boolean leader;
  private volatile URI leaderUrl;

  public static FixedLeaderElection leader() {
    FixedLeaderElection election = new FixedLeaderElection();
    election.leader = true;
    return election;
  }

  public static FixedLeaderElection followerOf(URI leaderUrl) {
    FixedLeaderElection election = new FixedLeaderElection();
    election.leaderUrl = leaderUrl;
    return election;
  }

  public void set(boolean leader, URI leaderUrl) {
    this.leader = leader;
    this.leaderUrl = leaderUrl;
  }

  @Override
  public boolean isLeader() {
    return leader;
  }

  @Override
  public Optional<URI> leaderUrl() {
    return Optional.ofNullable(leaderUrl);
  }

  @Override
  public void close() {}
}
