package io.tributary.runtime.internal.errors;

import static java.util.Objects.requireNonNull;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One failed operation on a record, as error reporters see it.
 *
 * @param stage where it failed
 * @param executingClass the class that failed (a converter, a transformation, the task)
 * @param error the exception
 * @param consumed for sink tasks, the record as consumed from Kafka (null for sources, or when
 *     unknown)
 * @param source for source tasks, the record as the task returned it (null for sinks)
 */
public record ErrorReport(
    Stage stage,
    Class<?> executingClass,
    Throwable error,
    ConsumerRecord<byte[], byte[]> consumed,
    SourceRecord source) {
  public ErrorReport {
    requireNonNull(stage, "stage is null");
    requireNonNull(executingClass, "executingClass is null");
    requireNonNull(error, "error is null");
  }
}
