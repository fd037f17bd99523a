package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectBenchReportTest {

  @Test
  void ratioIsTributaryOverKafkaConnect() {
    assertThat(ConnectBenchReport.ratio(Optional.of(150.0), Optional.of(100.0))).contains(1.5);
    assertThat(ConnectBenchReport.ratio(Optional.empty(), Optional.of(100.0))).isEmpty();
    assertThat(ConnectBenchReport.ratio(Optional.of(1.0), Optional.of(0.0))).isEmpty();
  }

  @Test
  void tableGivesMediansRatiosAndGoals() {
    // Given two Tributary rounds and two Kafka Connect rounds, one of which lost lines
    List<ConnectResults> tributary =
        List.of(run("Tributary", 1, 800, 4_000), run("Tributary", 2, 1_000, 6_000));
    List<ConnectResults> kafkaConnect =
        List.of(
            run("Kafka Connect", 1, 6_000, 10_000),
            new ConnectResults(
                "Kafka Connect",
                2,
                new Outcome.Measured<>(Duration.ofMillis(6_200)),
                Optional.of(Duration.ofMillis(9_000)),
                new Outcome.Failed<>("sink differs from source: 3 missing"),
                List.of()));

    // When
    String table = ConnectBenchReport.table(List.of(tributary, kafkaConnect));
    String rounds = ConnectBenchReport.rounds(List.of(tributary, kafkaConnect));
    String failures = ConnectBenchReport.failures(List.of(kafkaConnect.get(1)));

    // Then medians: Tributary start 0.90 s, wall 5.00 s; Kafka Connect start 6.10 s, wall 10.00 s
    assertThat(table)
        .contains("| Tributary | Kafka Connect | Tributary ÷ Kafka Connect |")
        .contains("| 0.90 | 6.10 | 0.15 | Tributary under 1.5 s | yes |")
        .contains("| 5.00 | 10.00 | 0.50 |")
        .contains("| worker CPU time to start (s) | 1.80 | 10.50 | 0.17 |")
        .contains("| 208,333 | 100,000 | 2.08 | ratio at least 1.5 | yes |");
    assertThat(rounds)
        .contains("| Kafka Connect | 2 | 6.20 | 9.00 | failed | n/a | failed | see below |");
    assertThat(failures)
        .isEqualTo("- Kafka Connect, round 2, pipeline: sink differs from source: 3 missing\n");
  }

  @Test
  void issue4sGoalIsFiveTimesKafkaConnectsLinesPerSecond() {
    // Given Tributary's file connectors at 4.5x Kafka Connect's lines/s
    List<ConnectResults> tributary = List.of(run("Tributary", 1, 800, 2_000));
    List<ConnectResults> kafkaConnect = List.of(run("Kafka Connect", 1, 6_000, 9_000));

    // When
    String table =
        ConnectBenchReport.table(
            List.of(tributary, kafkaConnect),
            ConnectBenchReport.ISSUE_4_LINE_RATIO,
            "issue 4; start-up: issue 3");

    // Then
    assertThat(table)
        .contains("| goal (issue 4; start-up: issue 3) | met |")
        .contains("| 500,000 | 111,111 | 4.50 | ratio at least 5 | no |")
        .contains("| Tributary under 1.5 s | yes |");
  }

  @Test
  void oneSystemAloneHasNoRatio() {
    String table =
        ConnectBenchReport.table(List.of(List.of(run("Kafka Connect", 1, 6_000, 12_000))));
    assertThat(table).doesNotContain("÷").contains("| lines/s | 83,333 |");
  }

  @Test
  void ceilingSaysWhetherIssue4sGoalIsWithinReach() {
    // Given Kafka Connect at 100,000 lines/s and the clients-only pipeline at 400,000 and 300,000
    List<ConnectResults> kafkaConnect = List.of(run("Kafka Connect", 1, 6_000, 10_000));
    List<Outcome<ConnectResults.PipelineRun>> below =
        List.of(clients(2_500), clients(3_333), new Outcome.Failed<>("exited with 1"));

    // When
    String report =
        ConnectBenchReport.ceiling(below, Map.of(ConnectBenchSettings.KAFKA_CONNECT, kafkaConnect));

    // Then the median of the measured rounds is compared with 5x Kafka Connect
    assertThat(report)
        .contains("| 1 | 2.50 | 2.50 | 400,000 | ok |")
        .contains("| 3 | failed | | | exited with 1 |")
        .contains("Median 350,015 lines/s: 3.50× Kafka Connect's 100,000")
        .contains("is 500,000 lines/s: above the ceiling");
    assertThat(
            ConnectBenchReport.ceiling(
                List.of(clients(1_000)), Map.of(ConnectBenchSettings.KAFKA_CONNECT, kafkaConnect)))
        .contains("within the ceiling");
  }

  private static Outcome<ConnectResults.PipelineRun> clients(long wallMs) {
    return new Outcome.Measured<>(
        new ConnectResults.PipelineRun(
            Duration.ofMillis(wallMs), 1_000_000, Optional.of(Duration.ofMillis(wallMs)), "ok"));
  }

  private static ConnectResults run(String system, int round, long startupMs, long wallMs) {
    return new ConnectResults(
        system,
        round,
        new Outcome.Measured<>(Duration.ofMillis(startupMs)),
        Optional.of(Duration.ofMillis(startupMs * 2)),
        new Outcome.Measured<>(
            new ConnectResults.PipelineRun(
                Duration.ofMillis(wallMs),
                1_000_000,
                Optional.of(Duration.ofMillis(wallMs)),
                "ok")),
        List.of());
  }
}
