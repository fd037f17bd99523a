package io.tributary.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The tables of the JDBC benchmark's markdown fragment: medians per step, issue 6's goals as ratios
 * of medians, every round, and why failed steps failed. Pure functions of the results.
 */
final class JdbcBenchReport {
  private JdbcBenchReport() {}

  /**
   * One of issue 6's goals: the connector step's median rows/s divided by the baseline's must reach
   * {@code ratio} ({@code strict}: exceed it).
   */
  record Goal(JdbcStep step, JdbcStep baseline, double ratio, boolean strict, String text) {}

  static final List<Goal> GOALS =
      List.of(
          new Goal(JdbcStep.SOURCE_ONE_TASK, JdbcStep.COPY_TO, 0.5, false, ">= 0.5× COPY TO"),
          new Goal(JdbcStep.SOURCE_SPLIT, JdbcStep.COPY_TO, 1.0, true, "> 1× COPY TO"),
          new Goal(JdbcStep.CLIENTS_SOURCE, JdbcStep.COPY_TO, 0.0, false, "(the ceiling)"),
          new Goal(JdbcStep.SOURCE_ONE_TASK, JdbcStep.CLIENTS_SOURCE, 0.0, false, "(share of it)"),
          new Goal(JdbcStep.SINK_INSERT, JdbcStep.COPY_FROM, 0.5, false, ">= 0.5× COPY FROM"),
          new Goal(JdbcStep.CLIENTS_SINK, JdbcStep.COPY_FROM, 0.0, false, "(the sink's ceiling)"),
          new Goal(JdbcStep.SINK_INSERT, JdbcStep.CLIENTS_SINK, 0.0, false, "(share of it)"),
          new Goal(JdbcStep.SINK_UPSERT, JdbcStep.BATCHED_UPSERT, 0.0, false, "(no goal)"));

  /** Median rows/s, seconds and the worker's CPU seconds per step. */
  static String table(List<JdbcResults> rounds) {
    StringBuilder out =
        new StringBuilder(
            "| step | rows/s | wall time (s) | worker CPU (s) |\n| --- | ---: | ---: | ---: |\n");
    for (JdbcStep step : JdbcStep.values()) {
      Optional<Double> cpu =
          BenchReport.median(
              rounds.stream()
                  .map(
                      r ->
                          r.step(step)
                              .map(JdbcResults.Timing::workerCpu)
                              .flatMap(used -> used.map(d -> d.toMillis() / 1000.0)))
                  .toList());
      out.append("| ")
          .append(step.label())
          .append(" | ")
          .append(cell(median(rounds, step, true)))
          .append(" | ")
          .append(cell(median(rounds, step, false)))
          .append(" | ")
          .append(cpu.map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse(""))
          .append(" |\n");
    }
    return out.toString();
  }

  /** Issue 6's goals, each a ratio of two medians, and whether it is met. */
  static String goals(List<JdbcResults> rounds) {
    StringBuilder out =
        new StringBuilder(
            "| connector | beside | ratio | goal (issue 6) | met |\n| --- | --- | ---: | --- | --- |\n");
    for (Goal goal : GOALS) {
      Optional<Double> ratio =
          ratio(median(rounds, goal.step(), true), median(rounds, goal.baseline(), true));
      String met =
          goal.ratio() == 0.0
              ? ""
              : ratio
                  .map(r -> (goal.strict() ? r > goal.ratio() : r >= goal.ratio()) ? "yes" : "no")
                  .orElse("n/a");
      out.append("| ")
          .append(goal.step().label())
          .append(" | ")
          .append(goal.baseline().label())
          .append(" | ")
          .append(ratio.map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse("n/a"))
          .append(" | ")
          .append(goal.text())
          .append(" | ")
          .append(met)
          .append(" |\n");
    }
    return out.toString();
  }

  /** Every round's rows/s per step, so the spread is visible. */
  static String rounds(List<JdbcResults> rounds) {
    StringBuilder out = new StringBuilder("| step |");
    StringBuilder rule = new StringBuilder("| --- |");
    for (JdbcResults round : rounds) {
      out.append(" round ").append(round.round()).append(" (rows/s) |");
      rule.append(" ---: |");
    }
    out.append('\n').append(rule).append('\n');
    for (JdbcStep step : JdbcStep.values()) {
      out.append("| ").append(step.label()).append(" |");
      for (JdbcResults round : rounds) {
        out.append(' ').append(cell(round.rowsPerSecond(step))).append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Why each failed step failed, one bullet each; empty when none failed. */
  static String failures(List<JdbcResults> rounds) {
    StringBuilder out = new StringBuilder();
    for (JdbcResults round : rounds) {
      for (JdbcStep step : JdbcStep.values()) {
        if (round.step(step) instanceof Outcome.Failed<JdbcResults.Timing> failed) {
          out.append("- round ")
              .append(round.round())
              .append(", ")
              .append(step.label())
              .append(": ")
              .append(failed.reason())
              .append('\n');
        }
      }
    }
    return out.toString();
  }

  /** The median over the rounds of the step's rows/s ({@code rate}) or wall seconds. */
  static Optional<Double> median(List<JdbcResults> rounds, JdbcStep step, boolean rate) {
    return BenchReport.median(
        rounds.stream()
            .map(r -> r.step(step).map(t -> rate ? t.rowsPerSecond() : t.seconds()))
            .toList());
  }

  static Optional<Double> ratio(Optional<Double> value, Optional<Double> baseline) {
    if (value.isEmpty() || baseline.isEmpty() || baseline.get() == 0.0) {
      return Optional.empty();
    }
    return Optional.of(value.get() / baseline.get());
  }

  private static String cell(Optional<Double> value) {
    return value
        .map(
            v ->
                v >= 1000
                    ? String.format(Locale.ROOT, "%,.0f", v)
                    : String.format(Locale.ROOT, "%.2f", v))
        .orElse("failed");
  }
}
