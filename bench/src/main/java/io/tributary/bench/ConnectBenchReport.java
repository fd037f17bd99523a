package io.tributary.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders the connector benchmark as markdown: one column per worker (the median of its rounds),
 * the ratio Tributary ÷ Kafka Connect with issue 3's goal for each figure, every round's figures,
 * and why each failed run failed.
 */
final class ConnectBenchReport {
  /**
   * One row of the table.
   *
   * @param goal issue 3's goal, tested against Tributary's median and the ratio
   */
  private record Row(String figure, Function<ConnectResults, Optional<Double>> value, Goal goal) {}

  /** A goal from issue 3, e.g. "ratio at least 1.5" or "Tributary under 1.5 s". */
  private record Goal(String text, GoalTest test) {}

  @FunctionalInterface
  private interface GoalTest {
    Optional<Boolean> met(Optional<Double> tributary, Optional<Double> ratio);
  }

  /** Issue 3's throughput goal: Tributary ÷ Kafka Connect in lines/s, Apache's pair on both. */
  static final double ISSUE_3_LINE_RATIO = 1.5;

  /**
   * Issue 4's throughput goal: Tributary's own file source -> file sink ÷ Apache's pair on Kafka
   * Connect, in lines/s.
   */
  static final double ISSUE_4_LINE_RATIO = 5.0;

  private static List<Row> rows(double lineRatioGoal) {
    String goal = "ratio at least " + formatGoal(lineRatioGoal);
    return List.of(
        new Row(
            "worker start-up (s): JVM launch to `GET /` 200",
            r -> r.startup().map(ConnectBenchReport::seconds),
            new Goal("Tributary under 1.5 s", (t, ratio) -> t.map(s -> s < 1.5))),
        new Row(
            "worker CPU time to start (s)",
            r ->
                r.startup() instanceof Outcome.Measured<Duration>
                    ? r.startupCpu().map(ConnectBenchReport::seconds)
                    : Optional.empty(),
            new Goal("", (t, ratio) -> Optional.empty())),
        new Row(
            "pipeline wall time (s): connectors created to last line in the sink file",
            r -> r.pipeline().map(p -> seconds(p.wall())),
            new Goal("", (t, ratio) -> Optional.empty())),
        new Row(
            "worker CPU time in the pipeline (s)",
            r -> r.pipeline().map(p -> p).flatMap(p -> p.cpu().map(ConnectBenchReport::seconds)),
            new Goal("", (t, ratio) -> Optional.empty())),
        new Row(
            "lines/s",
            r -> r.pipeline().map(ConnectResults.PipelineRun::linesPerSecond),
            new Goal(goal, (t, ratio) -> ratio.map(x -> x >= lineRatioGoal))));
  }

  private ConnectBenchReport() {}

  private static String formatGoal(double goal) {
    return goal == Math.rint(goal)
        ? String.valueOf((long) goal)
        : String.format(Locale.ROOT, "%s", goal);
  }

  /** The table with issue 3's goals (Apache's FileStream pair on both workers). */
  static String table(List<List<ConnectResults>> columns) {
    return table(columns, ISSUE_3_LINE_RATIO, "issue 3");
  }

  /**
   * The side-by-side table. {@code columns} holds each worker's rounds, Tributary first when both
   * ran; with one worker only, the ratio and goal columns are left out. {@code lineRatioGoal} is
   * the lines/s ratio to reach, {@code goalSource} where the goals come from (e.g. "issue 4").
   */
  static String table(List<List<ConnectResults>> columns, double lineRatioGoal, String goalSource) {
    requireNonNull(columns, "columns is null");
    requireNonNull(goalSource, "goalSource is null");
    boolean compare = columns.size() == 2 && columns.get(0).get(0).system().equals(TRIBUTARY_LABEL);
    StringBuilder out = new StringBuilder("| figure |");
    columns.forEach(c -> out.append(' ').append(c.get(0).system()).append(" |"));
    if (compare) {
      out.append(" Tributary ÷ Kafka Connect | goal (").append(goalSource).append(") | met |");
    }
    out.append("\n| --- |");
    columns.forEach(c -> out.append(" ---: |"));
    if (compare) {
      out.append(" ---: | --- | :---: |");
    }
    out.append('\n');
    for (Row row : rows(lineRatioGoal)) {
      out.append("| ").append(row.figure()).append(" |");
      List<Optional<Double>> medians = new ArrayList<>();
      for (List<ConnectResults> rounds : columns) {
        Optional<Double> median = BenchReport.median(rounds.stream().map(row.value()).toList());
        medians.add(median);
        out.append(' ')
            .append(median.map(ConnectBenchReport::format).orElse("failed"))
            .append(" |");
      }
      if (compare) {
        Optional<Double> ratio = ratio(medians.get(0), medians.get(1));
        Optional<Boolean> met = row.goal().test().met(medians.get(0), ratio);
        out.append(' ')
            .append(ratio.map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse("n/a"))
            .append(" | ")
            .append(row.goal().text())
            .append(" | ")
            .append(row.goal().text().isEmpty() ? "" : met.map(m -> m ? "yes" : "no").orElse("n/a"))
            .append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  static final String TRIBUTARY_LABEL = "Tributary";

  /** Every round of every worker, so the spread is visible. */
  static String rounds(List<List<ConnectResults>> columns) {
    StringBuilder out =
        new StringBuilder(
            "| worker | round | start-up (s) | start-up CPU (s) | wall time (s) | pipeline CPU (s)"
                + " | lines/s | sink file |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (List<ConnectResults> rounds : columns) {
      for (ConnectResults r : rounds) {
        out.append("| ")
            .append(r.system())
            .append(" | ")
            .append(r.round())
            .append(" | ")
            .append(r.startup().map(d -> format(seconds(d))).orElse("failed"))
            .append(" | ")
            .append(r.startupCpu().map(d -> format(seconds(d))).orElse("n/a"))
            .append(" | ")
            .append(r.pipeline().map(p -> format(seconds(p.wall()))).orElse("failed"))
            .append(" | ")
            .append(
                r.pipeline()
                    .map(p -> p)
                    .flatMap(p -> p.cpu().map(d -> format(seconds(d))))
                    .orElse("n/a"))
            .append(" | ")
            .append(r.pipeline().map(p -> format(p.linesPerSecond())).orElse("failed"))
            .append(" | ")
            .append(r.pipeline().map(ConnectResults.PipelineRun::sinkCheck).orElse("see below"))
            .append(" |\n");
      }
    }
    return out.toString();
  }

  /** Why each failed run failed, and the notes; one bullet each; empty when there are none. */
  static String failures(List<ConnectResults> results) {
    StringBuilder out = new StringBuilder();
    for (ConnectResults r : results) {
      String run = r.system() + ", round " + r.round();
      r.notes()
          .forEach(note -> out.append("- ").append(run).append(": ").append(note).append('\n'));
      if (r.startup() instanceof Outcome.Failed<Duration> failed) {
        out.append("- ").append(run).append(", start-up: ").append(failed.reason()).append('\n');
      } else if (r.pipeline() instanceof Outcome.Failed<ConnectResults.PipelineRun> failed) {
        out.append("- ").append(run).append(", pipeline: ").append(failed.reason()).append('\n');
      }
    }
    return out.toString();
  }

  /** Tributary ÷ Kafka Connect, or empty without both figures or with a zero denominator. */
  static Optional<Double> ratio(Optional<Double> tributary, Optional<Double> kafkaConnect) {
    if (tributary.isEmpty() || kafkaConnect.isEmpty() || kafkaConnect.get() == 0.0) {
      return Optional.empty();
    }
    return Optional.of(tributary.get() / kafkaConnect.get());
  }

  static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  private static String format(double value) {
    if (value >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  /**
   * The clients-only pipeline's rounds ({@link ClientsCeiling}) beside Kafka Connect's median: how
   * many lines/s any Connect API worker could reach here, and whether issue 4's ratio is within
   * that reach.
   */
  static String ceiling(
      List<Outcome<ConnectResults.PipelineRun>> runs, Map<String, List<ConnectResults>> results) {
    StringBuilder out =
        new StringBuilder("\nThe ceiling in the same run: ")
            .append(ClientsCeiling.LABEL)
            .append(
                ", the same file -> topic -> file job with one kafka-clients producer (the worker's"
                    + " source producer settings) and one consumer in one JVM, lines as bytes, no"
                    + " converters, timed from the first send to the last line written:\n\n")
            .append("| round | wall time (s) | CPU (s) | lines/s | sink file |\n")
            .append("| ---: | ---: | ---: | ---: | --- |\n");
    for (int i = 0; i < runs.size(); i++) {
      out.append("| ").append(i + 1).append(" | ");
      if (runs.get(i) instanceof Outcome.Measured<ConnectResults.PipelineRun> measured) {
        ConnectResults.PipelineRun run = measured.value();
        out.append(format(seconds(run.wall())))
            .append(" | ")
            .append(run.cpu().map(c -> format(seconds(c))).orElse("n/a"))
            .append(" | ")
            .append(format(run.linesPerSecond()))
            .append(" | ")
            .append(run.sinkCheck())
            .append(" |\n");
      } else {
        out.append("failed | | | ")
            .append(((Outcome.Failed<ConnectResults.PipelineRun>) runs.get(i)).reason())
            .append(" |\n");
      }
    }
    Optional<Double> clients =
        BenchReport.median(
            runs.stream().map(r -> r.map(ConnectResults.PipelineRun::linesPerSecond)).toList());
    Optional<Double> kafkaConnect =
        Optional.ofNullable(results.get(ConnectBenchSettings.KAFKA_CONNECT))
            .flatMap(
                rounds ->
                    BenchReport.median(
                        rounds.stream()
                            .map(r -> r.pipeline().map(ConnectResults.PipelineRun::linesPerSecond))
                            .toList()));
    if (clients.isPresent() && kafkaConnect.isPresent()) {
      double goal = ISSUE_4_LINE_RATIO * kafkaConnect.get();
      out.append(
          String.format(
              Locale.ROOT,
              "%nMedian %s lines/s: %.2f× Kafka Connect's %s. Issue 4's goal, %s× Kafka Connect, is"
                  + " %s lines/s: %s.%n",
              format(clients.get()),
              clients.get() / kafkaConnect.get(),
              format(kafkaConnect.get()),
              formatGoal(ISSUE_4_LINE_RATIO),
              format(goal),
              clients.get() >= goal
                  ? "within the ceiling"
                  : "above the ceiling, so no Connect API worker can reach it on this machine"));
    }
    return out.toString();
  }
}
