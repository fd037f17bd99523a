package io.tributary.broker.internal.group;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a group in the JoinGroup/SyncGroup ("classic") rebalance protocol, with the legal
 * transitions between them. {@link Group#transitionTo} refuses any other transition.
 *
 * <pre>
 * Empty ------------------> PreparingRebalance <----------------+
 *   ^                           |       ^                       |
 *   | (no member rejoined)      |       | (member joins/leaves) |
 *   +---------------------------+       |                       |
 *                                       v                       |
 *                          CompletingRebalance ----------> Stable
 *                            (leader's SyncGroup)
 * any state -> Dead (group deleted)
 * </pre>
 */
public enum GroupState {
  /** No members; the group may still hold committed offsets. */
  EMPTY("Empty"),
  /** Members are (re)joining; JoinGroup responses are held until all joined or time is up. */
  PREPARING_REBALANCE("PreparingRebalance"),
  /** Join responses sent; waiting for the leader's assignment in SyncGroup. */
  COMPLETING_REBALANCE("CompletingRebalance"),
  /** Every member has its assignment and heartbeats. */
  STABLE("Stable"),
  /** Deleted; no request may change it any more. */
  DEAD("Dead");

  private final String wireName;

  GroupState(String wireName) {
    this.wireName = wireName;
  }

  /** The state's name as Kafka's DescribeGroups and ListGroups report it. */
  public String wireName() {
    return wireName;
  }

  /** Whether a group in this state may move to {@code next}. */
  public boolean canTransitionTo(GroupState next) {
    return successors().contains(next);
  }

  private Set<GroupState> successors() {
    return switch (this) {
      case EMPTY -> EnumSet.of(PREPARING_REBALANCE, DEAD);
      case PREPARING_REBALANCE -> EnumSet.of(COMPLETING_REBALANCE, EMPTY, DEAD);
      case COMPLETING_REBALANCE -> EnumSet.of(PREPARING_REBALANCE, STABLE, DEAD);
      case STABLE -> EnumSet.of(PREPARING_REBALANCE, DEAD);
      case DEAD -> EnumSet.noneOf(GroupState.class);
    };
  }
}
