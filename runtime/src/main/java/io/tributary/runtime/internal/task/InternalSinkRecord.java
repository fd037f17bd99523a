package io.tributary.runtime.internal.task;

import static java.util.Objects.requireNonNull;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A sink record that remembers the record it was converted from, through transformations ({@link
 * #newRecord} keeps it), so an errant record is written to the dead letter queue exactly as it was
 * consumed.
 */
final class InternalSinkRecord extends SinkRecord {
  private final ConsumerRecord<byte[], byte[]> consumed;

  InternalSinkRecord(
      ConsumerRecord<byte[], byte[]> consumed,
      String topic,
      int partition,
      Schema keySchema,
      Object key,
      Schema valueSchema,
      Object value,
      Long timestamp,
      Iterable<Header> headers) {
    super(
        topic,
        partition,
        keySchema,
        key,
        valueSchema,
        value,
        consumed.offset(),
        timestamp,
        consumed.timestampType() == TimestampType.NO_TIMESTAMP_TYPE
            ? TimestampType.NO_TIMESTAMP_TYPE
            : consumed.timestampType(),
        headers,
        consumed.topic(),
        consumed.partition(),
        consumed.offset());
    this.consumed = requireNonNull(consumed, "consumed is null");
  }

  ConsumerRecord<byte[], byte[]> consumed() {
    return consumed;
  }

  @Override
  public SinkRecord newRecord(
      String topic,
      Integer kafkaPartition,
      Schema keySchema,
      Object key,
      Schema valueSchema,
      Object value,
      Long timestamp) {
    return newRecord(
        topic,
        kafkaPartition,
        keySchema,
        key,
        valueSchema,
        value,
        timestamp,
        headers().duplicate());
  }

  @Override
  public SinkRecord newRecord(
      String topic,
      Integer kafkaPartition,
      Schema keySchema,
      Object key,
      Schema valueSchema,
      Object value,
      Long timestamp,
      Iterable<Header> headers) {
    return new InternalSinkRecord(
        consumed,
        topic,
        kafkaPartition == null ? consumed.partition() : kafkaPartition,
        keySchema,
        key,
        valueSchema,
        value,
        timestamp,
        headers);
  }
}
