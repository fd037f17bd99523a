package io.tributary.runtime.internal.task;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.IllegalWorkerStateException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * What a sink task sees of its runtime: seeks ({@link #offset}) applied before the next poll,
 * partitions it pauses (kept across rebalances, and kept paused when the connector resumes), the
 * retry timeout after a {@code RetriableException} from {@code put}, commit requests and the errant
 * record reporter (null unless a dead letter queue or the error log is configured).
 *
 * <p>Meant to be called from the task's thread (within {@code put}, {@code open}, ...), as in Kafka
 * Connect; the request flags are safe from any thread.
 */
final class WorkerSinkTaskContext implements SinkTaskContext {
  private final Map<String, String> configs;
  private final WorkerSinkTask owner;
  private final ErrantRecordReporter errantRecordReporter;
  private final Map<TopicPartition, Long> seeks = new HashMap<>();
  private final Set<TopicPartition> pausedByTask = new HashSet<>();
  private volatile long timeoutMs = -1;
  private volatile boolean commitRequested;

  WorkerSinkTaskContext(
      Map<String, String> configs,
      WorkerSinkTask owner,
      ErrantRecordReporter errantRecordReporter) {
    this.configs = requireNonNull(configs, "configs is null");
    this.owner = requireNonNull(owner, "owner is null");
    this.errantRecordReporter = errantRecordReporter;
  }

  @Override
  public Map<String, String> configs() {
    return configs;
  }

  @Override
  public synchronized void offset(Map<TopicPartition, Long> offsets) {
    seeks.putAll(offsets);
  }

  @Override
  public synchronized void offset(TopicPartition tp, long offset) {
    seeks.put(tp, offset);
  }

  /** Takes the seeks asked for since the last call. */
  synchronized Map<TopicPartition, Long> takeSeeks() {
    if (seeks.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, Long> taken = new HashMap<>(seeks);
    seeks.clear();
    return taken;
  }

  @Override
  public void timeout(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  long timeoutMs() {
    return timeoutMs;
  }

  @Override
  public Set<TopicPartition> assignment() {
    return owner.assignment();
  }

  @Override
  public void pause(TopicPartition... partitions) {
    Set<TopicPartition> assigned = owner.assignment();
    for (TopicPartition tp : partitions) {
      if (!assigned.contains(tp)) {
        throw new IllegalWorkerStateException(
            "SinkTasks may not pause partitions that are not currently assigned to them: " + tp);
      }
    }
    synchronized (this) {
      pausedByTask.addAll(Arrays.asList(partitions));
    }
    owner.pausePartitions(Arrays.asList(partitions));
  }

  @Override
  public void resume(TopicPartition... partitions) {
    Set<TopicPartition> assigned = owner.assignment();
    for (TopicPartition tp : partitions) {
      if (!assigned.contains(tp)) {
        throw new IllegalWorkerStateException(
            "SinkTasks may not resume partitions that are not currently assigned to them: " + tp);
      }
    }
    synchronized (this) {
      pausedByTask.removeAll(Arrays.asList(partitions));
    }
    owner.resumePartitions(Arrays.asList(partitions));
  }

  /** The partitions the task itself paused. */
  synchronized Set<TopicPartition> pausedByTask() {
    return Set.copyOf(pausedByTask);
  }

  @Override
  public void requestCommit() {
    commitRequested = true;
  }

  /** Whether a commit was requested; clears the request. */
  boolean takeCommitRequest() {
    boolean requested = commitRequested;
    commitRequested = false;
    return requested;
  }

  @Override
  public ErrantRecordReporter errantRecordReporter() {
    return errantRecordReporter;
  }
}
