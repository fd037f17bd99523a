package io.tributary.runtime.internal.errors;

import static java.util.Objects.requireNonNull;

import io.tributary.runtime.internal.status.ConnectorTaskId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task's per-record operations (converters, transformations) with Kafka Connect's error
 * handling: a {@link RetriableException} is retried with exponential backoff (300 ms doubling,
 * jittered below {@code errors.retry.delay.max.ms} once it passes it) until {@code
 * errors.retry.timeout}; a failure is then reported (log, dead letter queue) and either skipped
 * ({@code errors.tolerance=all}, only for the tolerable stages) or fails the task with "Tolerance
 * exceeded in error handler".
 *
 * <p>Unlike Kafka Connect, a retriable failure whose retries run out is not skipped silently under
 * {@code errors.tolerance=none}: it fails the task, since skipping it would lose the record.
 *
 * <p>The success path costs one call and a try block. {@link #execute} is called by the task's
 * thread only; {@link #executeFailed} and {@link #triggerStop} from any thread.
 */
public final class ErrorHandler implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(ErrorHandler.class);

  /** The first retry delay, doubled at each attempt. */
  public static final long RETRIES_DELAY_MIN_MS = 300;

  /** An operation that may fail. */
  @FunctionalInterface
  public interface Operation<V> {
    V call() throws Exception;
  }

  private final ConnectorTaskId id;
  private final ErrorPolicy policy;
  private final RetryClock clock;
  private final List<ErrorReporter> reporters;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final AtomicLong totalFailures = new AtomicLong();
  private volatile boolean stopping;
  private boolean skipped;

  public ErrorHandler(
      ConnectorTaskId id, ErrorPolicy policy, RetryClock clock, List<ErrorReporter> reporters) {
    this.id = requireNonNull(id, "id is null");
    this.policy = requireNonNull(policy, "policy is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.reporters = List.copyOf(requireNonNull(reporters, "reporters is null"));
  }

  public ToleranceType tolerance() {
    return policy.tolerance();
  }

  /** How many operations failed (tolerated or not). */
  public long totalFailures() {
    return totalFailures.get();
  }

  /**
   * Runs the operation. Returns its result; or null with {@link #skipped()} true when it failed and
   * the failure is tolerated.
   *
   * @param original the record being processed, for reports: a {@code ConsumerRecord<byte[],
   *     byte[]>} in sink tasks, a {@code SourceRecord} in source tasks
   * @throws ConnectException when the failure is not tolerated
   */
  public <V> V execute(Stage stage, Class<?> executingClass, Object original, Operation<V> op) {
    skipped = false;
    try {
      return op.call();
    } catch (RetriableException e) {
      return retry(stage, executingClass, original, op, e);
    } catch (Exception e) {
      return failed(stage, executingClass, original, e);
    }
  }

  /** Whether the last {@link #execute} failed and its record is to be skipped. */
  public boolean skipped() {
    return skipped;
  }

  private <V> V retry(
      Stage stage,
      Class<?> executingClass,
      Object original,
      Operation<V> op,
      RetriableException first) {
    long start = clock.millis();
    long deadline = policy.retryTimeoutMs() >= 0 ? start + policy.retryTimeoutMs() : Long.MAX_VALUE;
    Exception last = first;
    int attempt = 1;
    while (!stopping && clock.millis() < deadline) {
      backoff(attempt, deadline);
      if (stopping) {
        break;
      }
      attempt++;
      try {
        return op.call();
      } catch (RetriableException e) {
        last = e;
        LOGGER.trace("Task {}: attempt {} of {} failed, retrying", id, attempt, stage);
      } catch (Exception e) {
        return failed(stage, executingClass, original, e);
      }
    }
    return failed(stage, executingClass, original, last);
  }

  private void backoff(int attempt, long deadline) {
    long delay = attempt >= 32 ? Long.MAX_VALUE : RETRIES_DELAY_MIN_MS << (attempt - 1);
    if (delay > policy.maxDelayMs()) {
      delay =
          policy.maxDelayMs() == 0 ? 0 : ThreadLocalRandom.current().nextLong(policy.maxDelayMs());
    }
    long now = clock.millis();
    if (deadline - now < delay) {
      delay = Math.max(0, deadline - now);
    }
    try {
      clock.sleep(delay, stopRequested);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  private <V> V failed(Stage stage, Class<?> executingClass, Object original, Exception e) {
    totalFailures.incrementAndGet();
    report(new ErrorReport(stage, executingClass, e, consumed(original), source(original)));
    if (policy.tolerance() == ToleranceType.NONE || !stage.tolerable()) {
      throw toleranceExceeded(stage, executingClass, e);
    }
    skipped = true;
    return null;
  }

  /**
   * Reports a failure that happened outside {@link #execute} (a failed send, a record the sink task
   * reports as errant) and checks the tolerance.
   *
   * @return completes when every reporter has made the report durable
   * @throws ConnectException when the failure is not tolerated
   */
  public Future<Void> executeFailed(
      Stage stage, Class<?> executingClass, Object original, Throwable error) {
    totalFailures.incrementAndGet();
    Future<Void> reported =
        report(new ErrorReport(stage, executingClass, error, consumed(original), source(original)));
    if (policy.tolerance() == ToleranceType.NONE) {
      throw toleranceExceeded(stage, executingClass, error);
    }
    return reported;
  }

  private ConnectException toleranceExceeded(Stage stage, Class<?> executingClass, Throwable e) {
    return new ConnectException(
        "Tolerance exceeded in error handler: task "
            + id
            + " failed at stage "
            + stage
            + " in "
            + executingClass.getName()
            + ": "
            + e,
        e);
  }

  private Future<Void> report(ErrorReport report) {
    if (reporters.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<Future<?>> futures = new ArrayList<>(reporters.size());
    for (ErrorReporter reporter : reporters) {
      futures.add(reporter.report(report));
    }
    return new AllFuture(futures);
  }

  /** Stops retrying: an operation being retried fails at once. */
  public void triggerStop() {
    stopping = true;
    stopRequested.countDown();
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (ErrorReporter reporter : reporters) {
      try {
        reporter.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = new ConnectException("Failed to close the error reporters of task " + id, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @SuppressWarnings("unchecked")
  private static ConsumerRecord<byte[], byte[]> consumed(Object original) {
    return original instanceof ConsumerRecord<?, ?> record
        ? (ConsumerRecord<byte[], byte[]>) record
        : null;
  }

  private static SourceRecord source(Object original) {
    return original instanceof SourceRecord record ? record : null;
  }

  /** Completes when all of its futures do. */
  private record AllFuture(List<Future<?>> futures) implements Future<Void> {
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      return futures.stream().allMatch(Future::isDone);
    }

    @Override
    public Void get() throws InterruptedException, ExecutionException {
      for (Future<?> future : futures) {
        future.get();
      }
      return null;
    }

    @Override
    public Void get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      long deadline = System.nanoTime() + unit.toNanos(timeout);
      for (Future<?> future : futures) {
        future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      return null;
    }
  }
}
