package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JdbcBenchSettingsTest {

  @Test
  void defaultsAreTheIssuesMillionRowsWithFourSplitTasks() {
    // When
    JdbcBenchSettings settings = JdbcBenchSettings.parse(new String[] {"--root", "/repo"});

    // Then
    assertThat(settings.rows()).isEqualTo(1_000_000);
    assertThat(settings.rounds()).isEqualTo(1);
    assertThat(settings.warmupRounds()).isEqualTo(1);
    assertThat(settings.splitTasks()).isEqualTo(4);
    assertThat(settings.splitRanges()).isEqualTo(16);
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(900));
    assertThat(settings.runtimeTarget()).isEqualTo(Path.of("/repo/runtime/target"));
    assertThat(settings.brokerCoreTarget()).isEqualTo(Path.of("/repo/broker-core/target"));
    assertThat(settings.workDir()).isEqualTo(Path.of("/repo/bench/target/jdbc-bench"));
  }

  @Test
  void optionsOverrideTheDefaults() {
    // When
    JdbcBenchSettings settings =
        JdbcBenchSettings.parse(
            new String[] {
              "--rows",
              "200,000",
              "--rounds",
              "3",
              "--split-tasks",
              "2",
              "--split-ranges",
              "8",
              "--timeout-seconds",
              "60",
              "--work-dir",
              "/tmp/jb"
            });

    // Then
    assertThat(settings.rows()).isEqualTo(200_000);
    assertThat(settings.rounds()).isEqualTo(3);
    assertThat(settings.splitTasks()).isEqualTo(2);
    assertThat(settings.splitRanges()).isEqualTo(8);
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.workDir()).isEqualTo(Path.of("/tmp/jb"));
  }

  @Test
  void rejectsUnknownOptionsMissingValuesAndNonPositiveCounts() {
    assertThatThrownBy(() -> JdbcBenchSettings.parse(new String[] {"--lines", "5"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown option --lines")
        .hasMessageContaining("Usage: bench/run-jdbc-bench");
    assertThatThrownBy(() -> JdbcBenchSettings.parse(new String[] {"--rows"}))
        .hasMessageContaining("Missing value after --rows");
    assertThatThrownBy(() -> JdbcBenchSettings.parse(new String[] {"--rows", "many"}))
        .hasMessageContaining("Invalid value many for --rows");
    assertThatThrownBy(() -> JdbcBenchSettings.parse(new String[] {"--rounds", "0"}))
        .hasMessageContaining("must be at least 1");
  }

  @Test
  void connectorConfigsUseTheConnectorsKeys() {
    // When
    var source = JdbcConnectorRuns.sourceConfig("jdbc:postgresql://h/db", "pg", "p-", 4, 16);
    var insert = JdbcConnectorRuns.sinkConfig("jdbc:postgresql://h/db", "pg", "t", "out", false, 0);
    var upsert = JdbcConnectorRuns.sinkConfig("jdbc:postgresql://h/db", "pg", "t", "out", true, 0);
    var big = JdbcConnectorRuns.sinkConfig("jdbc:postgresql://h/db", "pg", "t", "out", false, 5000);

    // Then
    assertThat(source)
        .containsEntry("connector.class", "io.tributary.connect.jdbc.source.JdbcSourceConnector")
        .containsEntry("mode", "bulk")
        .containsEntry("load.once", "true")
        .containsEntry("table.include.list", "bench_rows")
        .containsEntry("topic.prefix", "p-")
        .containsEntry("tasks.max", "4")
        .containsEntry("split.ranges", "16");
    assertThat(insert)
        .containsEntry("connector.class", "io.tributary.connect.jdbc.sink.JdbcSinkConnector")
        .containsEntry("topics", "t")
        .containsEntry("table.name.format", "out")
        .containsEntry("insert.mode", "insert")
        .containsEntry("pk.mode", "none");
    assertThat(upsert)
        .containsEntry("insert.mode", "upsert")
        .containsEntry("pk.mode", "record_value")
        .containsEntry("pk.fields", "id");
    assertThat(insert).doesNotContainKeys("batch.size", "consumer.override.max.poll.records");
    assertThat(big)
        .containsEntry("batch.size", "5000")
        .containsEntry("consumer.override.max.poll.records", "5000");
  }

  @Test
  void workerGetsAvroConvertersWithTheRegistry() {
    // When
    String properties =
        JdbcBench.workerProperties(
            "127.0.0.1:9092", 8083, Path.of("/w"), Optional.of(URI.create("http://127.0.0.1:5")));

    // Then
    assertThat(properties)
        .contains("key.converter=io.tributary.registry.converter.AvroConverter\n")
        .contains("value.converter=io.tributary.registry.converter.AvroConverter\n")
        .contains("value.converter.schema.registry.url=http://127.0.0.1:5\n")
        .contains("key.converter.schema.registry.url=http://127.0.0.1:5\n");
    assertThat(JdbcBenchSettings.parse(new String[0]).converter()).isEqualTo("avro");
    assertThatThrownBy(() -> JdbcBenchSettings.parse(new String[] {"--converter", "xml"}))
        .hasMessageContaining("Invalid value xml for --converter");
  }

  @Test
  void workerGetsJsonConvertersWithSchemas() {
    // When
    String properties =
        JdbcBench.workerProperties("127.0.0.1:9092", 8083, Path.of("/w"), Optional.empty());

    // Then
    assertThat(properties)
        .contains("bootstrap.servers=127.0.0.1:9092\n")
        .contains("listeners=http://127.0.0.1:8083\n")
        .contains("value.converter=org.apache.kafka.connect.json.JsonConverter\n")
        .contains("value.converter.schemas.enable=true\n")
        .contains("offset.storage.file.filename=/w/offsets.dat\n");
  }
}
