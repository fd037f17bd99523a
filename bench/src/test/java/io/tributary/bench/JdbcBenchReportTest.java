package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcBenchReportTest {

  /** A round where each step moved 1,000,000 rows in the given seconds. */
  private static JdbcResults round(int round, double... seconds) {
    Map<JdbcStep, Outcome<JdbcResults.Timing>> steps = new EnumMap<>(JdbcStep.class);
    JdbcStep[] all = JdbcStep.values();
    for (int i = 0; i < seconds.length; i++) {
      steps.put(
          all[i],
          new Outcome.Measured<>(
              new JdbcResults.Timing(1_000_000, Duration.ofMillis((long) (seconds[i] * 1000)))));
    }
    return new JdbcResults(round, steps);
  }

  @Test
  void tableShowsTheMedianRowsPerSecondAndSecondsOfEveryStep() {
    // Given: source 1 task 4 s, 2 s, 3 s over three rounds -> median 3 s, 333,333 rows/s
    List<JdbcResults> rounds =
        List.of(
            round(1, 4, 1, 2, 1, 2, 5, 2, 1, 10),
            round(2, 2, 1, 2, 1, 2, 5, 2, 1, 10),
            round(3, 3, 1, 2, 1, 2, 5, 2, 1, 10));

    // When
    String table = JdbcBenchReport.table(rounds);

    // Then
    assertThat(table)
        .contains("| JDBC source, bulk, 1 task | 333,333 | 3.00 |")
        .contains("| `COPY ... FROM STDIN` (CopyManager) | 1,000,000 | 1.00 |")
        .contains("| batched `INSERT ... ON CONFLICT` (JDBC batches) | 100,000 | 10.00 |");
  }

  @Test
  void goalsAreRatiosOfMediansWithTheIssuesThresholds() {
    // Given: COPY TO 1 s; source 1 task 2 s (0.5x: met), split 1 s (1.0x: not > 1); the
    // clients-only ceiling 1.6 s (0.625x COPY TO; the 1-task source 0.8x of it);
    // COPY FROM 1 s, sink insert 4 s (0.25x: not met)
    List<JdbcResults> rounds = List.of(round(1, 2, 1, 1.6, 1, 4, 5, 2, 1, 10));

    // When
    String goals = JdbcBenchReport.goals(rounds);

    // Then
    assertThat(goals)
        .contains(
            "| JDBC source, bulk, 1 task | `COPY (SELECT ...) TO STDOUT` (CopyManager) | 0.50 |"
                + " >= 0.5× COPY TO | yes |")
        .contains(
            "| JDBC source, bulk, split | `COPY (SELECT ...) TO STDOUT` (CopyManager) | 1.00 |"
                + " > 1× COPY TO | no |")
        .contains(
            "| JDBC sink, insert (pk.mode none: COPY) | `COPY ... FROM STDIN` (CopyManager) | 0.25"
                + " | >= 0.5× COPY FROM | no |")
        .contains("| 2.00 | (no goal) |  |")
        .contains("| 0.63 | (the ceiling) |  |")
        .contains("| 0.80 | (share of it) |  |")
        .contains("| 0.50 | (the sink's ceiling) |  |");
  }

  @Test
  void tableShowsTheWorkersCpuSecondsWhereMeasured() {
    // Given
    Map<JdbcStep, Outcome<JdbcResults.Timing>> steps = new EnumMap<>(JdbcStep.class);
    steps.put(
        JdbcStep.SOURCE_ONE_TASK,
        new Outcome.Measured<>(
            new JdbcResults.Timing(
                10, Duration.ofSeconds(1), java.util.Optional.of(Duration.ofMillis(2500)))));
    steps.put(
        JdbcStep.COPY_TO,
        new Outcome.Measured<>(new JdbcResults.Timing(10, Duration.ofSeconds(1))));

    // When
    String table = JdbcBenchReport.table(List.of(new JdbcResults(1, steps)));

    // Then
    assertThat(table)
        .contains("| JDBC source, bulk, 1 task | 10.00 | 1.00 | 2.5 |")
        .contains("| `COPY (SELECT ...) TO STDOUT` (CopyManager) | 10.00 | 1.00 |  |");
  }

  @Test
  void failedStepsShowAsFailedAndTheirGoalAsNotApplicable() {
    // Given: only the source steps ran; the sink failed
    Map<JdbcStep, Outcome<JdbcResults.Timing>> steps = new EnumMap<>(JdbcStep.class);
    steps.put(
        JdbcStep.SOURCE_ONE_TASK,
        new Outcome.Measured<>(new JdbcResults.Timing(10, Duration.ofSeconds(1))));
    steps.put(JdbcStep.SINK_INSERT, new Outcome.Failed<>("jdbc-sink failed: boom"));
    List<JdbcResults> rounds = List.of(new JdbcResults(1, steps));

    // When / Then
    assertThat(JdbcBenchReport.table(rounds))
        .contains("| JDBC sink, insert (pk.mode none: COPY) | failed | failed |");
    assertThat(JdbcBenchReport.goals(rounds)).contains("| n/a | >= 0.5× COPY TO | n/a |");
    assertThat(JdbcBenchReport.failures(rounds))
        .contains("- round 1, JDBC sink, insert (pk.mode none: COPY): jdbc-sink failed: boom\n")
        .contains("- round 1, `COPY ... FROM STDIN` (CopyManager): not run\n");
  }

  @Test
  void roundsTableHasOneColumnPerRound() {
    // When
    String table =
        JdbcBenchReport.rounds(
            List.of(round(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), round(2, 2, 2, 2, 2, 2, 2, 2, 2, 2)));

    // Then
    assertThat(table)
        .startsWith("| step | round 1 (rows/s) | round 2 (rows/s) |\n| --- | ---: | ---: |\n")
        .contains("| JDBC source, bulk, split | 1,000,000 | 500,000 |");
  }
}
