package io.tributary.broker.internal.group;

/**
 * The coordinator's broker-level settings (Kafka's broker config names).
 *
 * @param initialRebalanceDelayMs group.initial.rebalance.delay.ms: how long the first rebalance of
 *     an empty group waits for more members (extended by each new member, up to the rebalance
 *     timeout)
 * @param minSessionTimeoutMs group.min.session.timeout.ms
 * @param maxSessionTimeoutMs group.max.session.timeout.ms
 * @param offsetMetadataMaxBytes offset.metadata.max.bytes: the longest metadata string of a commit
 */
public record GroupConfig(
    int initialRebalanceDelayMs,
    int minSessionTimeoutMs,
    int maxSessionTimeoutMs,
    int offsetMetadataMaxBytes) {
  public GroupConfig {
    if (initialRebalanceDelayMs < 0) {
      throw new IllegalArgumentException(
          "initialRebalanceDelayMs must not be negative, was " + initialRebalanceDelayMs);
    }
    if (minSessionTimeoutMs > maxSessionTimeoutMs) {
      throw new IllegalArgumentException(
          "minSessionTimeoutMs "
              + minSessionTimeoutMs
              + " is larger than maxSessionTimeoutMs "
              + maxSessionTimeoutMs);
    }
  }
}
