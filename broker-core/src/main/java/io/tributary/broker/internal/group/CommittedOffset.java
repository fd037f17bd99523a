package io.tributary.broker.internal.group;

import static java.util.Objects.requireNonNull;

/**
 * A committed offset of one partition.
 *
 * @param offset the next offset to consume
 * @param leaderEpoch the leader epoch of the last consumed record, or -1 when unknown
 * @param metadata the client's metadata string ("" when none)
 * @param commitTimestampMs when the coordinator stored it
 */
public record CommittedOffset(
    long offset, int leaderEpoch, String metadata, long commitTimestampMs) {
  public CommittedOffset {
    requireNonNull(metadata, "metadata is null");
  }
}
