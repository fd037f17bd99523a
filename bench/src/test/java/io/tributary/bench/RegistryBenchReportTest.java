package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.bench.RegistryResults.ConverterResult;
import io.tributary.bench.RegistryResults.ConverterRun;
import io.tributary.bench.RegistryResults.Rate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryBenchReportTest {

  private static Rate rate(int operations, int clients, long wallMillis) {
    return new Rate(
        operations,
        clients,
        Duration.ofMillis(wallMillis),
        new LatencySummary(operations, 1500.0, 1200.0, 9000.0));
  }

  private static List<ConverterResult> converters(long avroFromMillis) {
    return List.of(
        new ConverterResult(
            "Avro",
            new Outcome.Measured<>(
                new ConverterRun(
                    100_000, Duration.ofMillis(avroFromMillis), Duration.ofMillis(2000), 83.2))),
        new ConverterResult(
            "JSON",
            new Outcome.Measured<>(
                new ConverterRun(100_000, Duration.ofMillis(4000), Duration.ofMillis(1000), 934))),
        new ConverterResult("Broken", new Outcome.Failed<>("Round trip changed field note")));
  }

  private static RegistryResults round(int round, long sequentialWallMillis, long avroFromMillis) {
    return new RegistryResults(
        round,
        new Outcome.Measured<>(rate(1000, 1, sequentialWallMillis)),
        new Outcome.Measured<>(rate(1000, 8, 5000)),
        new Outcome.Measured<>(rate(1000, 1, 2000)),
        new Outcome.Failed<>("POST /subjects/x/versions answered 500: {\"error_code\":50001}"),
        new Outcome.Measured<>(new LatencySummary(2000, 900.0, 800.0, 7000.0)),
        new Outcome.Measured<>(new LatencySummary(2000, 1500.0, 1400.0, 11000.0)),
        new Outcome.Measured<>(new LatencySummary(2000, 0.98, 0.93, 1.5)),
        new Outcome.Measured<>(new LatencySummary(2000, 6.0, 5.4, 18.6)),
        converters(avroFromMillis));
  }

  @Test
  void registrationsShowRateAndLatencyInMillisecondsPerKind() {
    // When: one round, 1000 registrations in 10 s by one client
    String table = RegistryBenchReport.registrations(List.of(round(1, 10_000, 1000)));

    // Then
    assertThat(table)
        .contains("| new schemas | 1 | 1,000 | 100 | 1.20 | 9.00 | 1.50 |")
        .contains("| new schemas | 8 | 1,000 | 200 | 1.20 | 9.00 | 1.50 |")
        .contains("| the same schemas again (idempotent) | 1 | 1,000 | 500 |")
        .contains("| the same schemas again (idempotent) | n/a | n/a | failed | failed |");
  }

  @Test
  void withSeveralRoundsEachCellIsTheMedian() {
    // Given sequential registration walls of 10 s, 5 s and 20 s: 100, 200 and 50 /s
    List<RegistryResults> rounds =
        List.of(round(1, 10_000, 1000), round(2, 5_000, 500), round(3, 20_000, 2000));

    // When
    String registrations = RegistryBenchReport.registrations(rounds);
    String converters = RegistryBenchReport.converters(rounds);
    String perRound = RegistryBenchReport.rounds(rounds);

    // Then
    assertThat(registrations).contains("| new schemas | 1 | 1,000 | 100 |");
    assertThat(converters).contains("| Avro | 100,000 | 50,000 | 83.2 |  |  |");
    assertThat(perRound)
        .contains("| 1 | 100 | 200 | 500 | failed | 800 | 1,400 | 100,000 / 50,000 |")
        .contains("| 2 | 200 |")
        .contains("| 3 | 50.0 |");
  }

  @Test
  void lookupsShowMicroseconds() {
    String table = RegistryBenchReport.lookups(List.of(round(1, 10_000, 1000)));

    assertThat(table)
        .contains("| by id, uncached: `GET /schemas/ids/{id}` | 2,000 | 800 | 7,000 | 900 |")
        .contains("| by schema, uncached: `POST /subjects/{s}` | 2,000 | 1,400 | 11,000 | 1,500 |")
        .contains("| by id, cached: `SchemaRegistryClient.getSchemaById` | 2,000 | 0.930 | 1.50 |")
        .contains("| by schema, cached: `SchemaRegistryClient.getId` | 2,000 | 5.40 | 18.6 |");
  }

  @Test
  void convertersAreComparedWithTheFirstOne() {
    String table = RegistryBenchReport.converters(List.of(round(1, 10_000, 1000)));

    // Avro 100,000/s from, 50,000/s to; JSON 25,000/s from, 100,000/s to
    assertThat(table)
        .contains("| Avro | 100,000 | 50,000 | 83.2 |  |  |")
        .contains("| JSON | 25,000 | 100,000 | 934.0 | 4.00 | 0.50 |")
        .contains("| Broken | failed | failed | failed | n/a | n/a |");
  }

  @Test
  void failuresNameTheRoundAndStepOnce() {
    String failures =
        RegistryBenchReport.failures(List.of(round(1, 10_000, 1000), round(2, 10_000, 1000)));

    assertThat(failures)
        .contains(
            "- round 1, registering again, N clients: POST /subjects/x/versions answered 500:"
                + " {\"error_code\":50001}\n")
        .contains("- round 2, Broken: Round trip changed field note\n");
    assertThat(failures.lines()).hasSize(4);
  }

  @Test
  void formatKeepsAboutThreeSignificantDigits() {
    assertThat(RegistryBenchReport.format(123_456.7)).isEqualTo("123,457");
    assertThat(RegistryBenchReport.format(234.5)).isEqualTo("235");
    assertThat(RegistryBenchReport.format(76.34)).isEqualTo("76.3");
    assertThat(RegistryBenchReport.format(3.456)).isEqualTo("3.46");
    assertThat(RegistryBenchReport.format(0.9312)).isEqualTo("0.931");
  }

  @Test
  void fragmentNamesTheCommandTheLoadAndWhyThereIsNoConfluentColumn() {
    // Given
    RegistryBenchSettings settings =
        RegistryBenchSettings.parse(new String[] {"--root", "/repo", "--schemas", "500"});

    // When
    String fragment =
        RegistryBench.fragment(
            settings,
            java.time.Instant.parse("2026-11-22T12:00:00Z"),
            List.of(round(1, 10_000, 1000)),
            "5.00, 5.10, 5.20",
            "6.00, 5.50, 5.30");

    // Then
    assertThat(fragment)
        .startsWith("### Schema registry, run of 2026-11-22T12:00:00Z\n")
        .contains("- Command: `bench/run-registry-bench`")
        .contains("- Load average (1, 5, 15 min) before / after: 5.00, 5.10, 5.20 / 6.00, 5.50,")
        .contains("per round 500 new record schemas")
        .contains("packages.confluent.io cannot be reached")
        .contains("| new schemas | 1 | 1,000 | 100 |")
        .contains("| JSON | 25,000 | 100,000 | 934.0 | 4.00 | 0.50 |")
        .contains("Failed steps (no figure):")
        .doesNotContain("Each round:");
  }
}
