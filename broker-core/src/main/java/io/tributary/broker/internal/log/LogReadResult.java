package io.tributary.broker.internal.log;

import static java.util.Objects.requireNonNull;

import org.apache.kafka.common.record.Records;

/**
 * What one read found.
 *
 * @param records whole batches starting at the batch holding the fetch offset (the last one may be
 *     cut short by the size limit, as in Kafka); empty at the log end
 * @param highWatermark the offset after the last record a consumer may read
 * @param logStartOffset the first offset still in the log
 */
public record LogReadResult(Records records, long highWatermark, long logStartOffset) {
  public LogReadResult {
    requireNonNull(records, "records is null");
  }
}
