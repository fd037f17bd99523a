package io.tributary.broker.internal.log;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;

/**
 * Record-level checks of a produced batch that depend on the topic's config: keys in compacted
 * topics (INVALID_RECORD, as Kafka) and CreateTime timestamps within
 * message.timestamp.before.max.ms / after.max.ms of the broker's clock (INVALID_TIMESTAMP).
 *
 * <p>Records are only iterated (and decompressed) when a check applies. Stateless.
 */
final class AppendValidator {
  private AppendValidator() {}

  static void validate(
      TopicPartition tp,
      RecordBatch batch,
      LogConfig config,
      TimestampType timestampType,
      long nowMs) {
    boolean checkKeys = config.compact() && !batch.isControlBatch();
    boolean checkTimestamps =
        timestampType == TimestampType.CREATE_TIME
            && (config.timestampBeforeMaxMs() != Long.MAX_VALUE
                || config.timestampAfterMaxMs() != Long.MAX_VALUE);
    if (!checkKeys && !checkTimestamps) {
      return;
    }
    long earliest = saturatingSubtract(nowMs, config.timestampBeforeMaxMs());
    long latest = saturatingAdd(nowMs, config.timestampAfterMaxMs());
    int index = 0;
    for (Record record : batch) {
      if (checkKeys && !record.hasKey()) {
        throw new InvalidRecordException(
            "Compacted topic cannot accept a record without a key (record "
                + index
                + " of a batch to "
                + tp
                + "); give every record a key or change cleanup.policy");
      }
      if (checkTimestamps && (record.timestamp() < earliest || record.timestamp() > latest)) {
        throw new InvalidTimestampException(
            "Timestamp "
                + record.timestamp()
                + " of record "
                + index
                + " to "
                + tp
                + " is out of range: it must be within message.timestamp.before.max.ms ("
                + config.timestampBeforeMaxMs()
                + ") before and message.timestamp.after.max.ms ("
                + config.timestampAfterMaxMs()
                + ") after the broker time "
                + nowMs);
      }
      index++;
    }
  }

  private static long saturatingSubtract(long a, long b) {
    long r = a - b;
    return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
  }

  private static long saturatingAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
