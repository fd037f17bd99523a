package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * Latency figures of one series of timed calls, in microseconds: how many, the mean, and the 50th
 * and 99th percentiles (nearest rank: the smallest sample with at least p % of the samples at or
 * below it).
 */
record LatencySummary(int count, double meanMicros, double p50Micros, double p99Micros) {
  LatencySummary {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
  }

  /** The summary of {@code nanos}, one entry per call; the array is not changed. */
  static LatencySummary ofNanos(long[] nanos) {
    requireNonNull(nanos, "nanos is null");
    if (nanos.length == 0) {
      throw new IllegalArgumentException("No samples");
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (long n : sorted) {
      sum += n;
    }
    return new LatencySummary(
        sorted.length,
        sum / sorted.length / 1_000.0,
        percentile(sorted, 50) / 1_000.0,
        percentile(sorted, 99) / 1_000.0);
  }

  /**
   * The nearest-rank {@code p}th percentile of {@code sorted} (ascending, not empty): the value at
   * rank ceil(p / 100 x n), counting from 1.
   */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("No samples");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("p must be in (0, 100], got " + p);
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }
}
