package io.tributary.broker.internal.handler;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;

/**
 * Fetches waiting for data (long poll by max.wait.ms and min.bytes). A waiting fetch is retried
 * when one of its partitions gets an append, and completed for good when its wait time is up or its
 * connection closes (so a client that asks for a very long wait and disconnects leaves nothing
 * behind).
 *
 * <p>Thread-safe.
 */
public final class DelayedFetches {
  private final ScheduledExecutorService timer;
  private final Map<TopicPartition, Set<Waiter>> waiters = new ConcurrentHashMap<>();
  private final Map<String, Set<Waiter>> byConnection = new ConcurrentHashMap<>();

  /** A waiting fetch: {@link #tryComplete} returns true once it has answered. */
  interface Attempt {
    boolean tryComplete(boolean timedOut);
  }

  public DelayedFetches(ScheduledExecutorService timer) {
    this.timer = requireNonNull(timer, "timer is null");
  }

  void await(
      String connectionId, Collection<TopicPartition> partitions, long maxWaitMs, Attempt attempt) {
    Waiter waiter = new Waiter(connectionId, partitions, attempt);
    for (TopicPartition tp : partitions) {
      waiters.computeIfAbsent(tp, k -> ConcurrentHashMap.newKeySet()).add(waiter);
    }
    byConnection.computeIfAbsent(connectionId, k -> ConcurrentHashMap.newKeySet()).add(waiter);
    waiter.timeout = timer.schedule(() -> waiter.run(true), maxWaitMs, TimeUnit.MILLISECONDS);
    // An append may have landed between the caller's read and our registration.
    waiter.run(false);
  }

  /** Completes (as timed out) every fetch still waiting for this connection. */
  public void connectionClosed(String connectionId) {
    Set<Waiter> waiting = byConnection.remove(connectionId);
    if (waiting == null) {
      return;
    }
    for (Waiter waiter : waiting.toArray(new Waiter[0])) {
      timer.execute(() -> waiter.run(true));
    }
  }

  /** The number of fetches waiting, for tests and metrics. */
  int waiting() {
    int total = 0;
    for (Set<Waiter> set : byConnection.values()) {
      total += set.size();
    }
    return total;
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
    private final String connectionId;
    private final Collection<TopicPartition> partitions;
    private final Attempt attempt;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile ScheduledFuture<?> timeout;

    Waiter(String connectionId, Collection<TopicPartition> partitions, Attempt attempt) {
      this.connectionId = connectionId;
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
        Set<Waiter> sameConnection = byConnection.get(connectionId);
        if (sameConnection != null) {
          sameConnection.remove(this);
          if (sameConnection.isEmpty()) {
            byConnection.remove(connectionId, sameConnection);
          }
        }
        ScheduledFuture<?> scheduled = timeout;
        if (scheduled != null) {
          scheduled.cancel(false);
        }
      }
    }
  }
}
