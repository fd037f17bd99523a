package io.tributary.runtime.internal.task;

import static java.util.Objects.requireNonNull;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * One transformation of a chain, optionally gated by a predicate: it applies when the predicate
 * matches, or when it does not with {@code negate}; always when there is no predicate.
 */
public record TransformationStage<R extends ConnectRecord<R>>(
    Transformation<R> transformation, Predicate<R> predicate, boolean negate)
    implements AutoCloseable {
  public TransformationStage {
    requireNonNull(transformation, "transformation is null");
  }

  /**
   * The transformed record (null drops it), or the record unchanged when the stage is gated off.
   */
  public R apply(R record) {
    if (predicate != null && predicate.test(record) == negate) {
      return record;
    }
    return transformation.apply(record);
  }

  @Override
  public void close() {
    Converters.closeQuietly(transformation);
    Converters.closeQuietly(predicate);
  }
}
