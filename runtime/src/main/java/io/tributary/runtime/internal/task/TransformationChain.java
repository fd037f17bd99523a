package io.tributary.runtime.internal.task;

import io.tributary.runtime.internal.errors.ErrorHandler;
import io.tributary.runtime.internal.errors.Stage;
import java.util.List;
import org.apache.kafka.connect.connector.ConnectRecord;

/**
 * A connector's transformations in {@code transforms} order. A record goes through each stage in
 * turn; a stage returning null drops it, and so does a failure the error handler tolerates. With no
 * transformations, {@link #apply} returns its argument.
 *
 * <p>Used by one task thread.
 */
public final class TransformationChain<R extends ConnectRecord<R>> implements AutoCloseable {
  private final TransformationStage<R>[] stages;

  @SuppressWarnings("unchecked")
  public TransformationChain(List<TransformationStage<R>> stages) {
    this.stages = stages.toArray(new TransformationStage[0]);
  }

  public boolean isEmpty() {
    return stages.length == 0;
  }

  /**
   * Applies every stage.
   *
   * @param original the record as consumed or polled, for error reports
   * @return the transformed record, or null when dropped or skipped after a tolerated failure
   * @throws org.apache.kafka.connect.errors.ConnectException when a failure is not tolerated
   */
  public R apply(R record, ErrorHandler errors, Object original) {
    R current = record;
    for (TransformationStage<R> stage : stages) {
      R input = current;
      current =
          errors.execute(
              Stage.TRANSFORMATION,
              stage.transformation().getClass(),
              original,
              () -> stage.apply(input));
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  @Override
  public void close() {
    for (TransformationStage<R> stage : stages) {
      stage.close();
    }
  }
}
