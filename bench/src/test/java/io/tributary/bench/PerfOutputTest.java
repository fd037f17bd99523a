package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PerfOutputTest {

  @Test
  void producerSummaryIsTheLastRecordsSentLine() {
    // Given ProducerPerformance output: a progress line, then the final summary
    String output =
        String.join(
            "\n",
            "1200000 records sent, 240000.0 records/sec (22.89 MB/sec), 80.1 ms avg latency, 300.0"
                + " ms max latency.",
            "5000000 records sent, 612345.6 records/sec (58.40 MB/sec), 41.52 ms avg latency,"
                + " 512.00 ms max latency, 35 ms 50th, 90 ms 95th, 140 ms 99th, 300 ms 99.9th.");

    // When
    PerfOutput.Producer producer = PerfOutput.producer(output);

    // Then
    assertThat(producer)
        .isEqualTo(
            new PerfOutput.Producer(5_000_000, 612345.6, 58.40, 41.52, 512.0, 35, 90, 140, 300));
  }

  @Test
  void producerOutputWithoutSummaryIsRejected() {
    assertThatThrownBy(() -> PerfOutput.producer("Exception in thread main"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ProducerPerformance summary");
  }

  @Test
  void consumerFiguresAreReadByColumnName() {
    // Given ConsumerPerformance output: the header, then one line of values
    String output =
        String.join(
            "\n",
            "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,"
                + " rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
            "2026-11-22 06:11:05:123, 2026-11-22 06:11:09:456, 476.8372, 110.0478, 5000000,"
                + " 1153934.9180, 312, 4021, 118.5867, 1243471.7732");

    // When
    PerfOutput.Consumer consumer = PerfOutput.consumer(output);

    // Then
    assertThat(consumer.records()).isEqualTo(5_000_000);
    assertThat(consumer.recordsPerSec()).isEqualTo(1153934.9180);
    assertThat(consumer.mbPerSec()).isEqualTo(110.0478);
    assertThat(consumer.rebalanceMs()).isEqualTo(312);
    assertThat(consumer.fetchRecordsPerSec()).isEqualTo(1243471.7732);
    assertThat(consumer.fetchMbPerSec()).isEqualTo(118.5867);
  }

  @Test
  void consumerHeaderWithoutValuesIsRejected() {
    // Given the header only, as printed before a failure
    String output =
        "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,"
            + " rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec\n"
            + "The node does not support FIND_COORDINATOR";

    assertThatThrownBy(() -> PerfOutput.consumer(output))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void endToEndFiguresAndTheErrorPrintedAfterThem() {
    // Given EndToEndLatency output whose consumer failed on close, after the figures
    String output =
        String.join(
            "\n",
            "0\t150.2",
            "1000\t3.1",
            "Avg latency: 6.3591 ms",
            "Percentiles: 50th = 4, 99th = 31, 99.9th = 152",
            "org.apache.kafka.common.errors.UnsupportedVersionException: not supported",
            "\tat org.apache.kafka.Some.method(Some.java:1)");

    // When
    PerfOutput.EndToEnd endToEnd = PerfOutput.endToEnd(output);

    // Then
    assertThat(endToEnd).isEqualTo(new PerfOutput.EndToEnd(6.3591, 4, 31, 152));
    assertThat(PerfOutput.lastErrorLine(output))
        .isEqualTo("org.apache.kafka.common.errors.UnsupportedVersionException: not supported");
  }
}
