package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import io.tributary.bench.RegistryResults.ConverterResult;
import io.tributary.bench.RegistryResults.ConverterRun;
import io.tributary.bench.RegistryResults.Rate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders the schema registry benchmark's rounds as markdown tables: registrations, lookups and the
 * converters. With several rounds every cell is the median of the rounds in which that step
 * measured ("failed" when none did).
 */
final class RegistryBenchReport {
  private RegistryBenchReport() {}

  private record RateRow(String figure, Function<RegistryResults, Outcome<Rate>> rate) {}

  private record LatencyRow(
      String figure, Function<RegistryResults, Outcome<LatencySummary>> latency) {}

  /** Registrations per second and their latency, one row per kind of registration. */
  static String registrations(List<RegistryResults> rounds) {
    requireNonNull(rounds, "rounds is null");
    List<RateRow> rows =
        List.of(
            new RateRow("new schemas", RegistryResults::registerSequential),
            new RateRow("new schemas", RegistryResults::registerConcurrent),
            new RateRow(
                "the same schemas again (idempotent)", RegistryResults::reregisterSequential),
            new RateRow(
                "the same schemas again (idempotent)", RegistryResults::reregisterConcurrent));
    StringBuilder out =
        new StringBuilder(
            "| registration (`POST /subjects/{s}/versions`) | clients | requests |"
                + " registrations/s | p50 (ms) | p99 (ms) | mean (ms) |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (RateRow row : rows) {
      List<Outcome<Rate>> outcomes = rounds.stream().map(row.rate()).toList();
      Optional<Rate> any = outcomes.stream().flatMap(o -> o.map(r -> r).stream()).findFirst();
      out.append("| ")
          .append(row.figure())
          .append(" | ")
          .append(any.map(r -> String.valueOf(r.clients())).orElse("n/a"))
          .append(" | ")
          .append(any.map(r -> String.format(Locale.ROOT, "%,d", r.operations())).orElse("n/a"))
          .append(" | ")
          .append(cell(outcomes, Rate::perSecond))
          .append(" | ")
          .append(cell(outcomes, r -> r.latency().p50Micros() / 1000.0))
          .append(" | ")
          .append(cell(outcomes, r -> r.latency().p99Micros() / 1000.0))
          .append(" | ")
          .append(cell(outcomes, r -> r.latency().meanMicros() / 1000.0))
          .append(" |\n");
    }
    return out.toString();
  }

  /** Lookup latency by id and by schema, over HTTP every time and through the caching client. */
  static String lookups(List<RegistryResults> rounds) {
    requireNonNull(rounds, "rounds is null");
    List<LatencyRow> rows =
        List.of(
            new LatencyRow(
                "by id, uncached: `GET /schemas/ids/{id}`", RegistryResults::byIdUncached),
            new LatencyRow(
                "by schema, uncached: `POST /subjects/{s}`", RegistryResults::bySchemaUncached),
            new LatencyRow(
                "by id, cached: `SchemaRegistryClient.getSchemaById`", RegistryResults::byIdCached),
            new LatencyRow(
                "by schema, cached: `SchemaRegistryClient.getId`",
                RegistryResults::bySchemaCached));
    StringBuilder out =
        new StringBuilder(
            "| lookup | calls | p50 (µs) | p99 (µs) | mean (µs) |\n"
                + "| --- | ---: | ---: | ---: | ---: |\n");
    for (LatencyRow row : rows) {
      List<Outcome<LatencySummary>> outcomes = rounds.stream().map(row.latency()).toList();
      Optional<LatencySummary> any =
          outcomes.stream().flatMap(o -> o.map(l -> l).stream()).findFirst();
      out.append("| ")
          .append(row.figure())
          .append(" | ")
          .append(any.map(l -> String.format(Locale.ROOT, "%,d", l.count())).orElse("n/a"))
          .append(" | ")
          .append(cell(outcomes, LatencySummary::p50Micros))
          .append(" | ")
          .append(cell(outcomes, LatencySummary::p99Micros))
          .append(" | ")
          .append(cell(outcomes, LatencySummary::meanMicros))
          .append(" |\n");
    }
    return out.toString();
  }

  /**
   * Records/s each way and bytes per record for each converter, with the first converter (the Avro
   * converter) ÷ each other one: above 1.00 means the Avro converter is faster.
   */
  static String converters(List<RegistryResults> rounds) {
    requireNonNull(rounds, "rounds is null");
    Map<String, List<Outcome<ConverterRun>>> byConverter = new LinkedHashMap<>();
    for (RegistryResults round : rounds) {
      for (ConverterResult result : round.converters()) {
        byConverter.computeIfAbsent(result.converter(), c -> new ArrayList<>()).add(result.run());
      }
    }
    StringBuilder out =
        new StringBuilder(
            "| converter | fromConnectData records/s | toConnectData records/s | bytes/record |"
                + " Avro ÷ this, fromConnectData | Avro ÷ this, toConnectData |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: |\n");
    Optional<Double> firstFrom = Optional.empty();
    Optional<Double> firstTo = Optional.empty();
    boolean first = true;
    for (Map.Entry<String, List<Outcome<ConverterRun>>> entry : byConverter.entrySet()) {
      List<Outcome<ConverterRun>> outcomes = entry.getValue();
      Optional<Double> from = median(outcomes, ConverterRun::fromConnectPerSecond);
      Optional<Double> to = median(outcomes, ConverterRun::toConnectPerSecond);
      if (first) {
        firstFrom = from;
        firstTo = to;
      }
      out.append("| ")
          .append(entry.getKey())
          .append(" | ")
          .append(from.map(RegistryBenchReport::format).orElse("failed"))
          .append(" | ")
          .append(to.map(RegistryBenchReport::format).orElse("failed"))
          .append(" | ")
          .append(
              median(outcomes, ConverterRun::bytesPerRecord)
                  .map(b -> String.format(Locale.ROOT, "%.1f", b))
                  .orElse("failed"))
          .append(" | ")
          .append(first ? "" : ratio(firstFrom, from))
          .append(" | ")
          .append(first ? "" : ratio(firstTo, to))
          .append(" |\n");
      first = false;
    }
    return out.toString();
  }

  /** Every round's main figures, so the spread is visible. */
  static String rounds(List<RegistryResults> rounds) {
    requireNonNull(rounds, "rounds is null");
    List<String> converterNames =
        rounds.isEmpty()
            ? List.of()
            : rounds.get(0).converters().stream().map(ConverterResult::converter).toList();
    StringBuilder out =
        new StringBuilder(
            "| round | new, 1 client (reg/s) | new, N clients (reg/s) | again, 1 client (reg/s) |"
                + " again, N clients (reg/s) | by id uncached p50 (µs) |"
                + " by schema uncached p50 (µs) |");
    converterNames.forEach(c -> out.append(' ').append(c).append(" from / to (rec/s) |"));
    out.append("\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    converterNames.forEach(c -> out.append(" ---: |"));
    out.append('\n');
    for (RegistryResults r : rounds) {
      out.append("| ")
          .append(r.round())
          .append(" | ")
          .append(cell(List.of(r.registerSequential()), Rate::perSecond))
          .append(" | ")
          .append(cell(List.of(r.registerConcurrent()), Rate::perSecond))
          .append(" | ")
          .append(cell(List.of(r.reregisterSequential()), Rate::perSecond))
          .append(" | ")
          .append(cell(List.of(r.reregisterConcurrent()), Rate::perSecond))
          .append(" | ")
          .append(cell(List.of(r.byIdUncached()), LatencySummary::p50Micros))
          .append(" | ")
          .append(cell(List.of(r.bySchemaUncached()), LatencySummary::p50Micros))
          .append(" |");
      for (ConverterResult c : r.converters()) {
        out.append(' ')
            .append(
                c.run()
                    .map(
                        run ->
                            format(run.fromConnectPerSecond())
                                + " / "
                                + format(run.toConnectPerSecond()))
                    .orElse("failed"))
            .append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Why each failed step failed, one bullet each, the same text once; empty when none failed. */
  static String failures(List<RegistryResults> rounds) {
    List<String> lines = new ArrayList<>();
    for (RegistryResults r : rounds) {
      String run = "round " + r.round();
      failure(lines, run, "registering new schemas, 1 client", r.registerSequential());
      failure(lines, run, "registering new schemas, N clients", r.registerConcurrent());
      failure(lines, run, "registering again, 1 client", r.reregisterSequential());
      failure(lines, run, "registering again, N clients", r.reregisterConcurrent());
      failure(lines, run, "lookup by id, uncached", r.byIdUncached());
      failure(lines, run, "lookup by schema, uncached", r.bySchemaUncached());
      failure(lines, run, "lookup by id, cached", r.byIdCached());
      failure(lines, run, "lookup by schema, cached", r.bySchemaCached());
      for (ConverterResult c : r.converters()) {
        failure(lines, run, c.converter(), c.run());
      }
    }
    StringBuilder out = new StringBuilder();
    lines.stream().distinct().forEach(line -> out.append(line).append('\n'));
    return out.toString();
  }

  private static void failure(List<String> lines, String run, String step, Outcome<?> outcome) {
    if (outcome instanceof Outcome.Failed<?> failed) {
      lines.add(
          "- "
              + run
              + ", "
              + step
              + ": "
              + failed.reason().lines().findFirst().orElse("(no message)"));
    }
  }

  private static <T> Optional<Double> median(
      List<Outcome<T>> outcomes, Function<T, Double> figure) {
    return BenchReport.median(outcomes.stream().map(o -> o.map(figure)).toList());
  }

  private static <T> String cell(List<Outcome<T>> outcomes, Function<T, Double> figure) {
    return median(outcomes, figure).map(RegistryBenchReport::format).orElse("failed");
  }

  private static String ratio(Optional<Double> avro, Optional<Double> other) {
    if (avro.isEmpty() || other.isEmpty() || other.get() == 0.0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f", avro.get() / other.get());
  }

  /** Thousands with separators and no decimals; smaller values with 3 significant-ish digits. */
  static String format(double value) {
    if (value >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (value >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (value >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (value >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
