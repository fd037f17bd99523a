package io.tributary.runtime.internal.task;

import static java.util.Objects.requireNonNull;

import org.apache.kafka.connect.connector.ConnectRecord;

/** A task's record processing: its transformations and converters. Closed with the task. */
record Pipeline<R extends ConnectRecord<R>>(
    TransformationChain<R> transformations, Converters converters) implements AutoCloseable {
  Pipeline {
    requireNonNull(transformations, "transformations is null");
    requireNonNull(converters, "converters is null");
  }

  @Override
  public void close() {
    transformations.close();
    converters.close();
  }
}
