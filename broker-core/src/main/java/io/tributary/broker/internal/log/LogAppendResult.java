package io.tributary.broker.internal.log;

/**
 * What one append did.
 *
 * @param firstOffset the offset given to the first record
 * @param lastOffset the offset given to the last record
 * @param logAppendTimeMs the broker time stamped into the batches, or -1 for CreateTime topics
 * @param logStartOffset the log start offset after the append
 */
public record LogAppendResult(
    long firstOffset, long lastOffset, long logAppendTimeMs, long logStartOffset) {}
