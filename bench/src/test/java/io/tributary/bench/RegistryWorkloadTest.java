package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.bench.RegistryResults.Rate;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class RegistryWorkloadTest {

  @Test
  void concurrentlyCallsEveryIndexExactlyOnceAndTimesEachCall() {
    // Given
    AtomicIntegerArray calls = new AtomicIntegerArray(1000);

    // When
    Rate rate = RegistryWorkload.concurrently(1000, 8, i -> calls.incrementAndGet(i));

    // Then
    for (int i = 0; i < calls.length(); i++) {
      assertThat(calls.get(i)).as("calls of index %d", i).isEqualTo(1);
    }
    assertThat(rate.operations()).isEqualTo(1000);
    assertThat(rate.clients()).isEqualTo(8);
    assertThat(rate.latency().count()).isEqualTo(1000);
    assertThat(rate.perSecond()).isPositive();
  }

  @Test
  void aFailingCallFailsTheSeries() {
    assertThatThrownBy(
            () ->
                RegistryWorkload.concurrently(
                    10,
                    3,
                    i -> {
                      if (i == 5) {
                        throw new IllegalStateException("answered 500");
                      }
                      return i;
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("answered 500");
  }

  @Test
  void picksAreInRangeAndTheSameForTheSameRound() {
    int[] picks = RegistryWorkload.picks(1, 50, 2000);

    assertThat(picks).hasSize(2000);
    assertThat(Arrays.stream(picks).boxed().toList()).allMatch(i -> i >= 0 && i < 50);
    assertThat(RegistryWorkload.picks(1, 50, 2000)).isEqualTo(picks);
  }
}
