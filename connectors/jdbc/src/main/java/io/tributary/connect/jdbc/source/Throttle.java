package io.tributary.connect.jdbc.source;

import java.util.function.BooleanSupplier;

/**
 * Limits a task to a records-per-second and a bytes-per-second rate (each 0 for no limit): the
 * connector's limits divided by its task count. A virtual clock advances by each row's cost; the
 * caller sleeps while it runs ahead of real time, with at most a tenth of a second of burst. Used
 * by the task thread only.
 */
final class Throttle {
  private static final long BURST_NANOS = 100_000_000L;

  /** Time and sleeping, replaceable in tests. */
  interface Clock {
    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;

    Clock SYSTEM =
        new Clock() {
          @Override
          public long nanoTime() {
            return System.nanoTime();
          }

          @Override
          public void sleepNanos(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
          }
        };
  }

  private final double nanosPerRecord;
  private final double nanosPerByte;
  private final Clock clock;
  private long virtualNanos;

  Throttle(double recordsPerSecond, double bytesPerSecond, Clock clock) {
    this.nanosPerRecord = recordsPerSecond > 0 ? 1e9 / recordsPerSecond : 0;
    this.nanosPerByte = bytesPerSecond > 0 ? 1e9 / bytesPerSecond : 0;
    this.clock = clock;
    this.virtualNanos = clock.nanoTime();
  }

  /** The connector-wide limits shared by {@code tasks} tasks. */
  static Throttle shared(long recordsPerSecond, long bytesPerSecond, int tasks) {
    int share = Math.max(1, tasks);
    return new Throttle(
        (double) recordsPerSecond / share, (double) bytesPerSecond / share, Clock.SYSTEM);
  }

  boolean limited() {
    return nanosPerRecord > 0 || nanosPerByte > 0;
  }

  /** Accounts for one row of {@code bytes} bytes, sleeping as long as the rates require. */
  void acquire(int bytes, BooleanSupplier stopping) throws InterruptedException {
    if (!limited()) {
      return;
    }
    long now = clock.nanoTime();
    virtualNanos = Math.max(virtualNanos, now - BURST_NANOS);
    virtualNanos += (long) Math.max(nanosPerRecord, nanosPerByte * bytes);
    long ahead = virtualNanos - now;
    while (ahead > 0 && !stopping.getAsBoolean()) {
      clock.sleepNanos(Math.min(ahead, 100_000_000L));
      ahead = virtualNanos - clock.nanoTime();
    }
  }
}
