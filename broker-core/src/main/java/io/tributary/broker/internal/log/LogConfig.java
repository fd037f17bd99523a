package io.tributary.broker.internal.log;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import org.apache.kafka.common.record.TimestampType;

/**
 * The settings one partition log runs with: broker defaults overridden by topic configs (see {@link
 * TopicConfigs} for the names and documentation).
 *
 * @param cleanupPolicy {@code delete}, {@code compact}, or both
 * @param retentionMs delete whole segments whose newest record is older than this; -1 = forever
 * @param retentionBytes delete the oldest segments while the log is larger than this; -1 = no limit
 * @param segmentBytes roll to a new segment when the active one would exceed this size
 * @param segmentMs roll to a new segment when the active one is older than this
 * @param maxMessageBytes the largest record batch accepted
 * @param flushMessages fsync after this many messages (1 = every write)
 * @param flushMs fsync when the oldest unflushed message is older than this
 * @param deleteRetentionMs how long compaction keeps tombstones
 * @param minCompactionLagMs records younger than this are not compacted
 * @param maxCompactionLagMs records older than this are compacted even below the dirty ratio
 * @param minCleanableDirtyRatio compact when this share of the log is not yet compacted
 * @param timestampType CreateTime (from the producer) or LogAppendTime (from the broker)
 * @param timestampBeforeMaxMs reject records whose timestamp is further in the past than this
 * @param timestampAfterMaxMs reject records whose timestamp is further in the future than this
 * @param indexIntervalBytes bytes between entries of the sparse offset and time indexes
 * @param segmentIndexBytes the largest size of a segment's index files
 * @param minInsyncReplicas acks=all needs this many in-sync replicas (there is one)
 */
public record LogConfig(
    Set<String> cleanupPolicy,
    long retentionMs,
    long retentionBytes,
    int segmentBytes,
    long segmentMs,
    int maxMessageBytes,
    long flushMessages,
    long flushMs,
    long deleteRetentionMs,
    long minCompactionLagMs,
    long maxCompactionLagMs,
    double minCleanableDirtyRatio,
    TimestampType timestampType,
    long timestampBeforeMaxMs,
    long timestampAfterMaxMs,
    int indexIntervalBytes,
    int segmentIndexBytes,
    int minInsyncReplicas) {

  public static final String CLEANUP_DELETE = "delete";
  public static final String CLEANUP_COMPACT = "compact";

  public LogConfig {
    cleanupPolicy = Set.copyOf(requireNonNull(cleanupPolicy, "cleanupPolicy is null"));
    requireNonNull(timestampType, "timestampType is null");
  }

  /** Kafka's defaults for every setting. */
  public static final LogConfig DEFAULT =
      TopicConfigs.resolve(TopicConfigs.kafkaDefaults(), java.util.Map.of());

  public boolean compact() {
    return cleanupPolicy.contains(CLEANUP_COMPACT);
  }

  public boolean delete() {
    return cleanupPolicy.contains(CLEANUP_DELETE);
  }
}
