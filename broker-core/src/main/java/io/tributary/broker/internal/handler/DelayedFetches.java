package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;

/**
 * Fetches waiting for data (long poll by max.wait.ms and min.bytes). A waiting fetch is retried
 * when one of its partitions gets an append, and completed for good when its wait time is up.
 *
 * <p>Thread-safe.
 */
public final class DelayedFetches {
  private final ScheduledExecutorService timer;
  private final Map<TopicPartition, Set<Waiter>> waiters = new ConcurrentHashMap<>();

  /** A waiting fetch: {@link #tryComplete} returns true once it has answered. */
  interface Attempt {
    boolean tryComplete(boolean timedOut);
  }

  public DelayedFetches(ScheduledExecutorService timer) {
    this.timer = requireNonNull(timer, "timer is null");
  }

  void await(Collection<TopicPartition> partitions, long maxWaitMs, Attempt attempt) {
    Waiter waiter = new Waiter(partitions, attempt);
    for (TopicPartition tp : partitions) {
      waiters.computeIfAbsent(tp, k -> ConcurrentHashMap.newKeySet()).add(waiter);
    }
    timer.schedule(() -> waiter.run(true), maxWaitMs, TimeUnit.MILLISECONDS);
    // An append may have landed between the caller's read and our registration.
    waiter.run(false);
  }

  /** Wakes the fetches waiting on {@code tp}. */
  public void appended(TopicPartition tp) {
    Set<Waiter> waiting = waiters.get(tp);
    if (waiting == null || waiting.isEmpty()) {
      return;
    }
    for (Waiter waiter : waiting.toArray(new Waiter[0])) {
      timer.execute(() -> waiter.run(false));
    }
  }

  private final class Waiter {
    private final Collection<TopicPartition> partitions;
    private final Attempt attempt;
    private final AtomicBoolean done = new AtomicBoolean();

    Waiter(Collection<TopicPartition> partitions, Attempt attempt) {
      this.partitions = partitions;
      this.attempt = attempt;
    }

    synchronized void run(boolean timedOut) {
      if (done.get()) {
        return;
      }
      if (attempt.tryComplete(timedOut) || timedOut) {
        done.set(true);
        for (TopicPartition tp : partitions) {
          Set<Waiter> set = waiters.get(tp);
          if (set != null) {
            set.remove(this);
          }
        }
      }
    }
  }
}
