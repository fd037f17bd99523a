package io.tributary.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tables of the HDFS benchmark's markdown fragment: medians per format and file system, the
 * sink's MB/s as a ratio of the raw write's (issue 7's goal), every round, and why failed steps
 * failed. Pure functions of the results.
 */
final class HdfsBenchReport {
  /** Issue 7's goal: the sink's MB/s at least this fraction of the raw write's. */
  static final double GOAL = 0.7;

  private HdfsBenchReport() {}

  /** Median figures per case, the ratio sink / raw and whether it meets the goal. */
  static String table(List<HdfsResults> rounds, List<HdfsResults.Case> cases) {
    StringBuilder out =
        new StringBuilder(
            "| format, file system | sink records/s | sink MB/s | sink wall (s) | files | file MB"
                + " | worker CPU (s) | broker CPU (s) | raw write MB/s | sink / raw | goal >= "
                + GOAL
                + " (issue 7) |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (HdfsResults.Case c : cases) {
      Optional<Double> sinkMb = sinkMedian(rounds, c, HdfsResults.SinkRun::megabytesPerSecond);
      Optional<Double> rawMb = rawMedian(rounds, c);
      Optional<Double> ratio = ratio(sinkMb, rawMb);
      out.append("| ")
          .append(c.label())
          .append(" | ")
          .append(cell(sinkMedian(rounds, c, HdfsResults.SinkRun::recordsPerSecond), 0))
          .append(" | ")
          .append(cell(sinkMb, 1))
          .append(" | ")
          .append(cell(sinkMedian(rounds, c, r -> r.wall().toNanos() / 1e9), 2))
          .append(" | ")
          .append(cell(sinkMedian(rounds, c, r -> (double) r.files()), 0))
          .append(" | ")
          .append(cell(sinkMedian(rounds, c, r -> r.bytes() / 1e6), 1))
          .append(" | ")
          .append(cpuCell(rounds, c, HdfsResults.SinkRun::workerCpu, sinkMb.isPresent()))
          .append(" | ")
          .append(cpuCell(rounds, c, HdfsResults.SinkRun::brokerCpu, sinkMb.isPresent()))
          .append(" | ")
          .append(cell(rawMb, 1))
          .append(" | ")
          .append(cell(ratio, 2))
          .append(" | ")
          .append(ratio.map(r -> r >= GOAL ? "yes" : "no").orElse("n/a"))
          .append(" |\n");
    }
    return out.toString();
  }

  /** Every round's sink MB/s and raw MB/s per case, so the spread is visible. */
  static String rounds(List<HdfsResults> rounds, List<HdfsResults.Case> cases) {
    StringBuilder out = new StringBuilder("| format, file system |");
    StringBuilder rule = new StringBuilder("| --- |");
    for (HdfsResults round : rounds) {
      out.append(" round ").append(round.round()).append(" sink / raw MB/s |");
      rule.append(" ---: |");
    }
    out.append('\n').append(rule).append('\n');
    for (HdfsResults.Case c : cases) {
      out.append("| ").append(c.label()).append(" |");
      for (HdfsResults round : rounds) {
        out.append(' ')
            .append(cell(round.sink(c).map(HdfsResults.SinkRun::megabytesPerSecond), 1))
            .append(" / ")
            .append(cell(round.raw(c).map(HdfsResults.RawWrite::megabytesPerSecond), 1))
            .append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Why each failed step failed, one bullet each; empty when none failed. */
  static String failures(List<HdfsResults> rounds, List<HdfsResults.Case> cases) {
    StringBuilder out = new StringBuilder();
    for (HdfsResults round : rounds) {
      for (HdfsResults.Case c : cases) {
        failure(out, round.round(), c.label() + ", sink", round.sink(c));
        failure(out, round.round(), c.label() + ", raw write", round.raw(c));
      }
    }
    return out.toString();
  }

  private static void failure(StringBuilder out, int round, String step, Outcome<?> outcome) {
    if (outcome instanceof Outcome.Failed<?> failed) {
      out.append("- round ")
          .append(round)
          .append(", ")
          .append(step)
          .append(": ")
          .append(failed.reason())
          .append('\n');
    }
  }

  static Optional<Double> sinkMedian(
      List<HdfsResults> rounds, HdfsResults.Case c, Function<HdfsResults.SinkRun, Double> figure) {
    return BenchReport.median(rounds.stream().map(r -> r.sink(c).map(figure)).toList());
  }

  static Optional<Double> rawMedian(List<HdfsResults> rounds, HdfsResults.Case c) {
    return BenchReport.median(
        rounds.stream().map(r -> r.raw(c).map(HdfsResults.RawWrite::megabytesPerSecond)).toList());
  }

  static Optional<Double> ratio(Optional<Double> value, Optional<Double> baseline) {
    if (value.isEmpty() || baseline.isEmpty() || baseline.get() == 0.0) {
      return Optional.empty();
    }
    return Optional.of(value.get() / baseline.get());
  }

  /** The median CPU seconds of a process; "unknown" when the sink ran but the OS did not tell. */
  private static String cpuCell(
      List<HdfsResults> rounds,
      HdfsResults.Case c,
      Function<HdfsResults.SinkRun, Optional<java.time.Duration>> process,
      boolean sinkRan) {
    Optional<Double> cpu =
        BenchReport.median(
            rounds.stream()
                .map(
                    r ->
                        r.sink(c)
                            .map(s -> process.apply(s).map(d -> d.toNanos() / 1e9))
                            .flatMap(o -> o))
                .toList());
    return cpu.isEmpty() && sinkRan ? "unknown" : cell(cpu, 1);
  }

  private static String cell(Optional<Double> value, int decimals) {
    return value
        .map(
            v ->
                v >= 1000
                    ? String.format(Locale.ROOT, "%,.0f", v)
                    : String.format(Locale.ROOT, "%." + decimals + "f", v))
        .orElse("failed");
  }
}
