package io.tributary.runtime.internal.task;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.errors.ErrorHandler;
import io.tributary.runtime.internal.errors.Stage;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * {@code SinkTaskContext.errantRecordReporter()}: a record the sink task reports goes through the
 * task's error handler (log, dead letter queue) as a {@code TASK_PUT} failure. A record built by
 * the runtime is reported as consumed; any other is converted back to bytes with the task's
 * converters. With {@code errors.tolerance=none} reporting fails the task ("Tolerance exceeded in
 * error handler"). Thread-safe: the sink task may report from its own threads.
 */
final class SinkErrantRecordReporter implements ErrantRecordReporter {
  private final ErrorHandler errors;
  private final Converters converters;

  SinkErrantRecordReporter(ErrorHandler errors, Converters converters) {
    this.errors = requireNonNull(errors, "errors is null");
    this.converters = requireNonNull(converters, "converters is null");
  }

  @Override
  public Future<Void> report(SinkRecord record, Throwable error) {
    ConsumerRecord<byte[], byte[]> consumed =
        record instanceof InternalSinkRecord internal ? internal.consumed() : toConsumed(record);
    return errors.executeFailed(Stage.TASK_PUT, SinkTask.class, consumed, error);
  }

  private ConsumerRecord<byte[], byte[]> toConsumed(SinkRecord record) {
    String topic = record.topic();
    RecordHeaders headers = new RecordHeaders();
    for (Header header : record.headers()) {
      headers.add(
          header.key(),
          converters
              .header()
              .fromConnectHeader(topic, header.key(), header.schema(), header.value()));
    }
    byte[] key = converters.key().fromConnectData(topic, headers, record.keySchema(), record.key());
    byte[] value =
        converters.value().fromConnectData(topic, headers, record.valueSchema(), record.value());
    long timestamp = record.timestamp() == null ? -1L : record.timestamp();
    TimestampType type =
        record.timestamp() == null ? TimestampType.NO_TIMESTAMP_TYPE : record.timestampType();
    return new ConsumerRecord<>(
        record.originalTopic(),
        record.originalKafkaPartition(),
        record.originalKafkaOffset(),
        timestamp,
        type,
        -1,
        -1,
        key,
        value,
        headers,
        java.util.Optional.empty());
  }
}
