package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HdfsBenchReportTest {
  private static final HdfsResults.Case AVRO_FILE = new HdfsResults.Case("avro", "file");
  private static final HdfsResults.Case AVRO_HDFS = new HdfsResults.Case("avro", "hdfs");
  private static final List<HdfsResults.Case> CASES = List.of(AVRO_FILE, AVRO_HDFS);

  /** 1,000,000 records in 10 files of 100 MB in total, in the sink's and the raw seconds. */
  private static HdfsResults round(int round, double sinkSeconds, double rawSeconds) {
    HdfsResults.Builder results = new HdfsResults.Builder(round);
    for (HdfsResults.Case c : CASES) {
      results.sink(
          c,
          new Outcome.Measured<>(
              new HdfsResults.SinkRun(
                  1_000_000,
                  10,
                  100_000_000,
                  Duration.ofMillis((long) (sinkSeconds * 1000)),
                  Optional.of(Duration.ofMillis(12_500)),
                  Optional.of(Duration.ofMillis(3_000)))));
      results.raw(
          c,
          new Outcome.Measured<>(
              new HdfsResults.RawWrite(
                  10, 100_000_000, Duration.ofMillis((long) (rawSeconds * 1000)))));
    }
    return results.build();
  }

  @Test
  void tableShowsMediansAndTheRatioToTheRawWriteAgainstTheGoal() {
    // Given: sink 4 s, 2 s, 5 s -> median 4 s (250,000 records/s, 25 MB/s); raw 2 s (50 MB/s)
    List<HdfsResults> rounds = List.of(round(1, 4, 2), round(2, 2, 2), round(3, 5, 2));

    // When
    String table = HdfsBenchReport.table(rounds, CASES);

    // Then: 25 / 50 = 0.5, below issue 7's 0.7
    assertThat(table)
        .contains(
            "| avro on file:// | 250,000 | 25.0 | 4.00 | 10 | 100.0 | 12.5 | 3.0 | 50.0 | 0.50 |"
                + " no |")
        .contains(
            "| avro on MiniDFSCluster | 250,000 | 25.0 | 4.00 | 10 | 100.0 | 12.5 | 3.0 |"
                + " 50.0 |");
  }

  @Test
  void theGoalIsMetFromSevenTenthsOfTheRawRate() {
    // Given: sink 1.4 s, raw 1 s -> 0.71
    List<HdfsResults> rounds = List.of(round(1, 1.4, 1));

    // When / Then
    assertThat(HdfsBenchReport.table(rounds, CASES)).contains("| 0.71 | yes |");
  }

  @Test
  void failedStepsShowAsFailedWithTheirReasons() {
    // Given: on HDFS the sink failed, so its raw write did not run
    HdfsResults.Builder results = new HdfsResults.Builder(1);
    results.sink(
        AVRO_FILE,
        new Outcome.Measured<>(
            new HdfsResults.SinkRun(
                10,
                1,
                1_000_000,
                Duration.ofSeconds(1),
                Optional.empty(),
                Optional.of(Duration.ofSeconds(2)))));
    results.raw(
        AVRO_FILE,
        new Outcome.Measured<>(new HdfsResults.RawWrite(1, 1_000_000, Duration.ofSeconds(1))));
    results.sink(AVRO_HDFS, new Outcome.Failed<>("hdfs-sink failed: boom"));
    results.raw(AVRO_HDFS, new Outcome.Failed<>("not run: the sink run failed"));
    List<HdfsResults> rounds = List.of(results.build());

    // When / Then
    assertThat(HdfsBenchReport.table(rounds, CASES))
        .contains(
            "| avro on file:// | 10 | 1.0 | 1.00 | 1 | 1.0 | unknown | 2.0 | 1.0 | 1.00 | yes |")
        .contains(
            "| avro on MiniDFSCluster | failed | failed | failed | failed | failed | failed |"
                + " failed | failed | failed | n/a |");
    assertThat(HdfsBenchReport.failures(rounds, CASES))
        .isEqualTo(
            "- round 1, avro on MiniDFSCluster, sink: hdfs-sink failed: boom\n"
                + "- round 1, avro on MiniDFSCluster, raw write: not run: the sink run failed\n");
  }

  @Test
  void roundsShowEachRoundsSinkAndRawRates() {
    // When
    String table = HdfsBenchReport.rounds(List.of(round(1, 4, 2), round(2, 2, 1)), CASES);

    // Then
    assertThat(table)
        .contains("| format, file system | round 1 sink / raw MB/s | round 2 sink / raw MB/s |")
        .contains("| avro on file:// | 25.0 / 50.0 | 50.0 / 100.0 |");
  }
}
