package io.tributary.runtime.internal.errors;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Time as the error handler's retries see it; tests inject a deterministic one. */
public interface RetryClock {
  long millis();

  /**
   * Waits up to {@code ms} milliseconds; returns early when {@code stop} is counted down.
   *
   * @throws InterruptedException when the thread is interrupted
   */
  void sleep(long ms, CountDownLatch stop) throws InterruptedException;

  /** The system clock. */
  RetryClock SYSTEM =
      new RetryClock() {
        @Override
        public long millis() {
          return System.currentTimeMillis();
        }

        @Override
        public void sleep(long ms, CountDownLatch stop) throws InterruptedException {
          stop.await(ms, TimeUnit.MILLISECONDS);
        }
      };
}
