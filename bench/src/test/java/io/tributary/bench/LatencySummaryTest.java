package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  @Test
  void nearestRankPercentilesOfOneToHundred() {
    // Given 1..100 ns, shuffled order does not matter
    long[] sorted = LongStream.rangeClosed(1, 100).toArray();

    // Then the p-th percentile is the p-th value
    assertThat(LatencySummary.percentile(sorted, 50)).isEqualTo(50);
    assertThat(LatencySummary.percentile(sorted, 99)).isEqualTo(99);
    assertThat(LatencySummary.percentile(sorted, 100)).isEqualTo(100);
    assertThat(LatencySummary.percentile(sorted, 0.5)).isEqualTo(1);
  }

  @Test
  void percentilesOfFewSamplesRoundTheRankUp() {
    long[] sorted = {10, 20, 30};

    assertThat(LatencySummary.percentile(sorted, 50)).isEqualTo(20); // rank ceil(1.5) = 2
    assertThat(LatencySummary.percentile(sorted, 99)).isEqualTo(30); // rank ceil(2.97) = 3
    assertThat(LatencySummary.percentile(new long[] {7}, 99)).isEqualTo(7);
  }

  @Test
  void summaryIsInMicrosecondsAndLeavesTheSamplesAlone() {
    // Given 2 ms, 1 ms, 3 ms and 4 ms, unsorted
    long[] nanos = {2_000_000, 1_000_000, 3_000_000, 4_000_000};

    // When
    LatencySummary summary = LatencySummary.ofNanos(nanos);

    // Then
    assertThat(summary.count()).isEqualTo(4);
    assertThat(summary.meanMicros()).isEqualTo(2_500.0);
    assertThat(summary.p50Micros()).isEqualTo(2_000.0);
    assertThat(summary.p99Micros()).isEqualTo(4_000.0);
    assertThat(nanos).containsExactly(2_000_000, 1_000_000, 3_000_000, 4_000_000);
  }

  @Test
  void noSamplesOrAPercentileOutOfRangeIsRejected() {
    assertThatThrownBy(() -> LatencySummary.ofNanos(new long[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LatencySummary.percentile(new long[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LatencySummary.percentile(new long[] {1}, 101))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
