package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchReportTest {

  @Test
  void ratiosAreAboveOneWhenTheFirstBrokerIsAhead() {
    // Throughput: higher is better, so first / second
    assertThat(BenchReport.ratio(Optional.of(200.0), Optional.of(100.0), true)).contains(2.0);
    // Latency: lower is better, so second / first
    assertThat(BenchReport.ratio(Optional.of(5.0), Optional.of(10.0), false)).contains(2.0);
    // No ratio from a missing figure or a zero denominator
    assertThat(BenchReport.ratio(Optional.empty(), Optional.of(1.0), true)).isEmpty();
    assertThat(BenchReport.ratio(Optional.of(0.0), Optional.of(3.0), false)).isEmpty();
  }

  @Test
  void medianOfTheRoundsThatMeasured() {
    assertThat(BenchReport.median(List.of(Optional.of(3.0), Optional.empty(), Optional.of(1.0))))
        .contains(2.0);
    assertThat(BenchReport.median(List.of(Optional.of(5.0), Optional.of(1.0), Optional.of(4.0))))
        .contains(4.0);
    assertThat(BenchReport.median(List.of(Optional.empty()))).isEmpty();
  }

  @Test
  void tableShowsBothBrokersAndFailedSteps() {
    // Given one complete result and one with a failed consumer step
    PerfOutput.Producer producer =
        new PerfOutput.Producer(1000, 500_000, 47.68, 10, 20, 5, 8, 12, 15);
    PerfOutput.EndToEnd endToEnd = new PerfOutput.EndToEnd(1.5, 1, 3, 7);
    BrokerResults first =
        new BrokerResults(
            "broker-core",
            new Outcome.Measured<>(producer),
            new Outcome.Measured<>(producer),
            new Outcome.Failed<>("ConsumerPerformance failed with exit code 1"),
            new Outcome.Measured<>(endToEnd),
            new Outcome.Measured<>(endToEnd),
            List.of());
    BrokerResults second =
        new BrokerResults(
            "Apache Kafka",
            new Outcome.Measured<>(producer),
            new Outcome.Measured<>(producer),
            new Outcome.Measured<>(new PerfOutput.Consumer(1000, 900_000, 85.8, 3, 950_000, 90.6)),
            new Outcome.Measured<>(endToEnd),
            new Outcome.Measured<>(endToEnd),
            List.of());

    // When
    String table = BenchReport.table(List.of(List.of(first), List.of(second)));
    String failures = BenchReport.failures(List.of(first, second));

    // Then
    assertThat(table)
        .contains("| produce acks=1: records/s | 500,000 | 500,000 | 1.00 | yes |")
        .contains("| consume: records/s | failed | 900,000 | n/a | n/a |")
        .contains("| end-to-end acks=1: p99 latency (ms) | 3.00 | 3.00 | 1.00 | yes |");
    assertThat(failures)
        .isEqualTo("- broker-core, consume: ConsumerPerformance failed with exit code 1\n");
    assertThat(BenchReport.rounds(List.of(List.of(first), List.of(second))))
        .contains("| broker-core | 1 | 500,000 | 500,000 | failed | 3 / 1.50 | 3 / 1.50 |")
        .contains("| Apache Kafka | 1 | 500,000 | 500,000 | 900,000 | 3 / 1.50 | 3 / 1.50 |");
  }
}
