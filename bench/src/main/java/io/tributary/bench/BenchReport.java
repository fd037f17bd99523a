package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders the results of both brokers as one markdown fragment: the machine, the command, a
 * side-by-side table with ratios, and the reason for every step that failed.
 *
 * <p>The ratio column is oriented so that above 1.00 always means broker-core is ahead: broker-core
 * ÷ Kafka for throughput, Kafka ÷ broker-core for latency.
 */
final class BenchReport {
  private record Row(
      String figure, Function<BrokerResults, Optional<Double>> value, boolean higherIsBetter) {}

  private static final List<Row> ROWS =
      List.of(
          new Row(
              "produce acks=1: records/s",
              r -> r.produceAcks1().map(PerfOutput.Producer::recordsPerSec),
              true),
          new Row(
              "produce acks=1: MB/s",
              r -> r.produceAcks1().map(PerfOutput.Producer::mbPerSec),
              true),
          new Row(
              "produce acks=1: p99 latency (ms)",
              r -> r.produceAcks1().map(p -> (double) p.p99Ms()),
              false),
          new Row(
              "produce acks=all: records/s",
              r -> r.produceAcksAll().map(PerfOutput.Producer::recordsPerSec),
              true),
          new Row(
              "produce acks=all: MB/s",
              r -> r.produceAcksAll().map(PerfOutput.Producer::mbPerSec),
              true),
          new Row(
              "produce acks=all: p99 latency (ms)",
              r -> r.produceAcksAll().map(p -> (double) p.p99Ms()),
              false),
          new Row(
              "consume: records/s", r -> r.consume().map(PerfOutput.Consumer::recordsPerSec), true),
          new Row("consume: MB/s", r -> r.consume().map(PerfOutput.Consumer::mbPerSec), true),
          new Row(
              "end-to-end acks=1: p99 latency (ms)",
              r -> r.endToEndAcks1().map(e -> (double) e.p99Ms()),
              false),
          new Row(
              "end-to-end acks=1: avg latency (ms)",
              r -> r.endToEndAcks1().map(PerfOutput.EndToEnd::avgMs),
              false),
          new Row(
              "end-to-end acks=all: p99 latency (ms)",
              r -> r.endToEndAcksAll().map(e -> (double) e.p99Ms()),
              false),
          new Row(
              "end-to-end acks=all: avg latency (ms)",
              r -> r.endToEndAcksAll().map(PerfOutput.EndToEnd::avgMs),
              false));

  private BenchReport() {}

  /**
   * The side-by-side table, one column per broker. Each column holds that broker's rounds; a cell
   * shows the median of the rounds in which the step measured, or "failed" when none did. With one
   * broker only, the ratio columns are left out.
   */
  static String table(List<List<BrokerResults>> columns) {
    requireNonNull(columns, "columns is null");
    boolean compare = columns.size() == 2;
    StringBuilder out = new StringBuilder();
    out.append("| figure |");
    columns.forEach(c -> out.append(' ').append(c.get(0).broker()).append(" |"));
    if (compare) {
      out.append(" ratio (>1 = ")
          .append(columns.get(0).get(0).broker())
          .append(" ahead) | ahead |");
    }
    out.append('\n').append("| --- |");
    columns.forEach(c -> out.append(" ---: |"));
    if (compare) {
      out.append(" ---: | :---: |");
    }
    out.append('\n');
    for (Row row : ROWS) {
      out.append("| ").append(row.figure()).append(" |");
      List<Optional<Double>> values = new ArrayList<>();
      for (List<BrokerResults> rounds : columns) {
        Optional<Double> value = median(rounds.stream().map(row.value()).toList());
        values.add(value);
        out.append(' ').append(value.map(BenchReport::format).orElse("failed")).append(" |");
      }
      if (compare) {
        Optional<Double> ratio = ratio(values.get(0), values.get(1), row.higherIsBetter());
        out.append(' ')
            .append(ratio.map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse("n/a"))
            .append(" | ")
            .append(ratio.map(r -> r >= 1.0 ? "yes" : "no").orElse("n/a"))
            .append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Every round's main figures, one line per broker and round, so the spread is visible. */
  static String rounds(List<List<BrokerResults>> columns) {
    StringBuilder out = new StringBuilder();
    out.append(
        "| broker | round | produce acks=1 rec/s | produce acks=all rec/s | consume rec/s |"
            + " e2e acks=1 p99 / avg ms | e2e acks=all p99 / avg ms |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (List<BrokerResults> rounds : columns) {
      for (int i = 0; i < rounds.size(); i++) {
        BrokerResults r = rounds.get(i);
        out.append("| ")
            .append(r.broker())
            .append(" | ")
            .append(i + 1)
            .append(" | ")
            .append(cell(r.produceAcks1().map(PerfOutput.Producer::recordsPerSec)))
            .append(" | ")
            .append(cell(r.produceAcksAll().map(PerfOutput.Producer::recordsPerSec)))
            .append(" | ")
            .append(cell(r.consume().map(PerfOutput.Consumer::recordsPerSec)))
            .append(" | ")
            .append(endToEndCell(r.endToEndAcks1()))
            .append(" | ")
            .append(endToEndCell(r.endToEndAcksAll()))
            .append(" |\n");
      }
    }
    return out.toString();
  }

  private static String cell(Optional<Double> value) {
    return value.map(BenchReport::format).orElse("failed");
  }

  private static String endToEndCell(Outcome<PerfOutput.EndToEnd> outcome) {
    return outcome
        .map(e -> e.p99Ms() + " / " + String.format(Locale.ROOT, "%.2f", e.avgMs()))
        .orElse("failed");
  }

  /** The median of the present values (the mean of the middle two for an even count). */
  static Optional<Double> median(List<Optional<Double>> values) {
    List<Double> present =
        values.stream().flatMap(Optional::stream).sorted(Comparator.naturalOrder()).toList();
    if (present.isEmpty()) {
      return Optional.empty();
    }
    int middle = present.size() / 2;
    return Optional.of(
        present.size() % 2 == 1
            ? present.get(middle)
            : (present.get(middle - 1) + present.get(middle)) / 2);
  }

  /**
   * Why each failed step failed and the notes, one bullet each, the same text once however many
   * rounds it happened in; empty when there are none.
   */
  static String failures(List<BrokerResults> results) {
    StringBuilder all = new StringBuilder();
    for (BrokerResults r : results) {
      StringBuilder out = new StringBuilder();
      r.notes()
          .forEach(
              note -> out.append("- ").append(r.broker()).append(": ").append(note).append('\n'));
      failure(out, r.broker(), "produce acks=1", r.produceAcks1());
      failure(out, r.broker(), "produce acks=all", r.produceAcksAll());
      failure(out, r.broker(), "consume", r.consume());
      failure(out, r.broker(), "end-to-end acks=1", r.endToEndAcks1());
      failure(out, r.broker(), "end-to-end acks=all", r.endToEndAcksAll());
      out.toString()
          .lines()
          .filter(line -> !all.toString().lines().toList().contains(line))
          .forEach(line -> all.append(line).append('\n'));
    }
    return all.toString();
  }

  private static void failure(StringBuilder out, String broker, String step, Outcome<?> outcome) {
    if (outcome instanceof Outcome.Failed<?> failed) {
      String firstLine = failed.reason().lines().findFirst().orElse("");
      out.append("- ")
          .append(broker)
          .append(", ")
          .append(step)
          .append(": ")
          .append(firstLine)
          .append('\n');
    }
  }

  static Optional<Double> ratio(
      Optional<Double> first, Optional<Double> second, boolean higherIsBetter) {
    if (first.isEmpty() || second.isEmpty()) {
      return Optional.empty();
    }
    double numerator = higherIsBetter ? first.get() : second.get();
    double denominator = higherIsBetter ? second.get() : first.get();
    if (denominator == 0.0) {
      return Optional.empty();
    }
    return Optional.of(numerator / denominator);
  }

  private static String format(double value) {
    if (value >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
