package io.tributary.broker.internal.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DelayedFetchesTest {
  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  @Test
  void aClosedConnectionCompletesItsWaitingFetchesAndLeavesNothingBehind() {
    // Given a fetch that asked to wait a day for data that never comes
    timer.setRemoveOnCancelPolicy(true);
    DelayedFetches fetches = new DelayedFetches(timer);
    AtomicReference<Boolean> completedAsTimedOut = new AtomicReference<>();
    fetches.await(
        "conn-1",
        List.of(new TopicPartition("t", 0)),
        Duration.ofDays(1).toMillis(),
        timedOut -> {
          if (timedOut) {
            completedAsTimedOut.set(true);
          }
          return timedOut;
        });
    assertThat(fetches.waiting()).isEqualTo(1);
    assertThat(timer.getQueue()).hasSize(1);

    // When its connection closes
    fetches.connectionClosed("conn-1");

    // Then it is completed at once, and neither it nor its timeout stays queued
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(completedAsTimedOut.get()).isTrue());
    assertThat(fetches.waiting()).isZero();
    assertThat(timer.getQueue()).isEmpty();
  }

  @Test
  void anAppendCompletesTheFetchAndOtherConnectionsAreUntouched() {
    DelayedFetches fetches = new DelayedFetches(timer);
    TopicPartition tp = new TopicPartition("t", 0);
    AtomicInteger attempts = new AtomicInteger();
    fetches.await("conn-1", List.of(tp), 60_000, timedOut -> attempts.incrementAndGet() >= 2);
    fetches.await("conn-2", List.of(tp), 60_000, timedOut -> false);
    fetches.appended(tp);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(fetches.waiting()).isEqualTo(1));
    fetches.connectionClosed("conn-1");
    assertThat(fetches.waiting()).isEqualTo(1);
  }
}
