package io.tributary.broker.internal.producer;

import org.apache.kafka.common.record.RecordBatch;

/**
 * What the broker remembers of one appended batch of an idempotent producer: enough to recognise a
 * retry of it and to answer the retry with the offsets the batch got the first time.
 *
 * @param firstSequence the batch's base sequence
 * @param lastSequence the sequence of its last record (wraps from {@link Integer#MAX_VALUE} to 0)
 * @param firstOffset the offset the log gave the batch's first record
 * @param lastOffset the offset the log gave the batch's last record
 * @param timestamp the batch's max timestamp as stored (the broker's clock for LogAppendTime)
 */
public record BatchMetadata(
    int firstSequence, int lastSequence, long firstOffset, long lastOffset, long timestamp) {
  public BatchMetadata {
    if (firstSequence < 0 || lastSequence < 0) {
      throw new IllegalArgumentException(
          "Sequences must not be negative: " + firstSequence + ".." + lastSequence);
    }
    if (firstOffset < 0 || lastOffset < firstOffset) {
      throw new IllegalArgumentException("Invalid offset range " + firstOffset + ".." + lastOffset);
    }
  }

  /** The metadata of a batch whose offsets have been assigned. */
  static BatchMetadata of(RecordBatch batch) {
    return new BatchMetadata(
        batch.baseSequence(),
        batch.lastSequence(),
        batch.baseOffset(),
        batch.lastOffset(),
        batch.maxTimestamp());
  }

  /** Whether {@code batch} carries exactly this batch's sequence range (a retry of it). */
  boolean sameSequenceRange(RecordBatch batch) {
    return firstSequence == batch.baseSequence() && lastSequence == batch.lastSequence();
  }
}
