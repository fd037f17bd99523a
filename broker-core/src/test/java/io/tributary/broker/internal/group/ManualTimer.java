package io.tributary.broker.internal.group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link GroupTimer} driven by the test: tasks run when {@link #advance} passes their time. */
final class ManualTimer implements GroupTimer {
  private final List<Task> tasks = new ArrayList<>();
  private long now;
  private long sequence;

  private final class Task implements Cancellable {
    final long dueMs;
    final long seq;
    final Runnable runnable;
    boolean cancelled;

    Task(long dueMs, long seq, Runnable runnable) {
      this.dueMs = dueMs;
      this.seq = seq;
      this.runnable = runnable;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  @Override
  public synchronized Cancellable schedule(long delayMs, Runnable task) {
    Task scheduled = new Task(now + delayMs, sequence++, task);
    tasks.add(scheduled);
    return scheduled;
  }

  /** Moves time forward, running every task that falls due, in time order. */
  void advance(long ms) {
    long target;
    synchronized (this) {
      target = now + ms;
    }
    while (true) {
      Task next;
      synchronized (this) {
        tasks.removeIf(t -> t.cancelled);
        next =
            tasks.stream()
                .filter(t -> t.dueMs <= target)
                .min(Comparator.<Task>comparingLong(t -> t.dueMs).thenComparingLong(t -> t.seq))
                .orElse(null);
        if (next == null) {
          now = target;
          return;
        }
        tasks.remove(next);
        now = Math.max(now, next.dueMs);
      }
      next.runnable.run();
    }
  }
}
