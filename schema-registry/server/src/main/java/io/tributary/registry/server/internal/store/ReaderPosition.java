package io.tributary.registry.server.internal.store;

/**
 * How far the reader thread has applied the log, and a place to wait for it to get further.
 *
 * <p>Thread-safe: the reader thread advances it; any thread waits on it. Once failed (the reader
 * stopped), every wait fails with the reason.
 */
final class ReaderPosition {
  private long next;
  private RegistryStoreException failure;

  /** The reader has applied everything before offset {@code nextOffset}. */
  synchronized void advanceTo(long nextOffset) {
    if (nextOffset > next) {
      next = nextOffset;
      notifyAll();
    }
  }

  /** The reader stopped; waits fail with {@code reason} from now on. */
  synchronized void fail(RegistryStoreException reason) {
    if (failure == null) {
      failure = reason;
    }
    notifyAll();
  }

  synchronized long next() {
    return next;
  }

  /**
   * Waits until everything before {@code offset} has been applied.
   *
   * @throws RegistryStoreException (timed out) when that does not happen by {@code deadlineNanos}
   *     ({@link System#nanoTime()}), or the reader's failure
   */
  synchronized void awaitPast(long offset, long deadlineNanos, String what) {
    while (next < offset) {
      if (failure != null) {
        throw new RegistryStoreException(
            what + " failed: " + failure.getMessage(), failure.timedOut(), failure);
      }
      long remainingNanos = deadlineNanos - System.nanoTime();
      if (remainingNanos <= 0) {
        throw new RegistryStoreException(
            what
                + " timed out: the store reader is at offset "
                + next
                + ", waiting for offset "
                + offset
                + "; raise kafkastore.timeout.ms if the broker is slow",
            true,
            null);
      }
      try {
        long millis = Math.max(1, remainingNanos / 1_000_000);
        wait(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryStoreException(what + " was interrupted", false, e);
      }
    }
  }
}
