package io.tributary.broker.internal.log;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Collection;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background cleaner: one thread that repeatedly picks the compacted log (cleanup.policy
 * containing {@code compact}) most in need of cleaning and runs a {@link Compaction} on it,
 * sleeping log.cleaner.backoff.ms when no log needs it.
 *
 * <p>A log needs cleaning when its dirty part (records appended since the last cleaning, in
 * segments before the active one and older than min.compaction.lag.ms) is at least
 * min.cleanable.dirty.ratio of its cleanable bytes, or its oldest dirty segment is older than
 * max.compaction.lag.ms, or a tombstone it kept has passed its delete horizon.
 *
 * <p>Lifecycle: {@link #start()}, then {@link #close()} (waits for the pass in progress). A failing
 * pass is logged at WARN with the partition and retried after the backoff; the log is untouched by
 * a failed pass (cleaned files are only swapped in when complete).
 */
public final class LogCleaner implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(LogCleaner.class);

  private final Supplier<Collection<PartitionLog>> logs;
  private final long backoffMs;
  private final Thread thread;
  private final Object wakeup = new Object();
  private volatile boolean running = true;

  public LogCleaner(Supplier<Collection<PartitionLog>> logs, long backoffMs) {
    this.logs = requireNonNull(logs, "logs is null");
    this.backoffMs = backoffMs;
    this.thread = new Thread(this::run, "log-cleaner");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  private void run() {
    while (running) {
      boolean worked = false;
      try {
        worked = cleanOnce();
      } catch (RuntimeException e) {
        LOGGER.warn("The log cleaner failed; retrying after {} ms", backoffMs, e);
      }
      if (!worked) {
        synchronized (wakeup) {
          if (running) {
            try {
              wakeup.wait(backoffMs);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
        }
      }
    }
  }

  /**
   * Cleans the log most in need of it, if any.
   *
   * @return whether a log was cleaned
   */
  public boolean cleanOnce() {
    Compaction best = null;
    for (PartitionLog log : logs.get()) {
      if (!log.config().compact() || log.isClosed()) {
        continue;
      }
      Compaction candidate = Compaction.plan(log, log.clock().millis());
      if (candidate != null
          && (best == null || candidate.dirtyRatio() > best.dirtyRatio())
          && running) {
        best = candidate;
      }
    }
    if (best == null) {
      return false;
    }
    try {
      best.run();
      return true;
    } catch (IOException | RuntimeException e) {
      LOGGER.warn(
          "Cleaning {} failed; it will be retried after {} ms",
          best.log().topicPartition(),
          backoffMs,
          e);
      return false;
    }
  }

  @Override
  public void close() {
    running = false;
    synchronized (wakeup) {
      wakeup.notifyAll();
    }
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
