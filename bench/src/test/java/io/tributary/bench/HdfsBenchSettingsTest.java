package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HdfsBenchSettingsTest {

  @Test
  void defaultsAreTheMillionRecordsAsAvroAndParquetOnBothFileSystems() {
    // When
    HdfsBenchSettings settings = HdfsBenchSettings.parse(new String[] {"--root", "/repo"});

    // Then
    assertThat(settings.records()).isEqualTo(1_000_000);
    assertThat(settings.rounds()).isEqualTo(1);
    assertThat(settings.formats()).containsExactly("avro", "parquet");
    assertThat(settings.fileSystems()).containsExactly("file", "hdfs");
    assertThat(settings.flushSize()).isEqualTo(100_000);
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(900));
    assertThat(settings.runtimeTarget()).isEqualTo(Path.of("/repo/runtime/target"));
    assertThat(settings.brokerCoreTarget()).isEqualTo(Path.of("/repo/broker-core/target"));
    assertThat(settings.benchTarget()).isEqualTo(Path.of("/repo/bench/target"));
    assertThat(settings.workDir()).isEqualTo(Path.of("/repo/bench/target/hdfs-bench"));
  }

  @Test
  void optionsOverrideTheDefaults() {
    // When
    HdfsBenchSettings settings =
        HdfsBenchSettings.parse(
            new String[] {
              "--records", "200,000",
              "--rounds", "3",
              "--formats", "JSON, avro",
              "--file-systems", "hdfs",
              "--flush-size", "50000",
              "--timeout-seconds", "60",
              "--work-dir", "/tmp/hb"
            });

    // Then
    assertThat(settings.records()).isEqualTo(200_000);
    assertThat(settings.rounds()).isEqualTo(3);
    assertThat(settings.formats()).containsExactly("json", "avro");
    assertThat(settings.fileSystems()).containsExactly("hdfs");
    assertThat(settings.flushSize()).isEqualTo(50_000);
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.workDir()).isEqualTo(Path.of("/tmp/hb"));
  }

  @Test
  void rejectsUnknownOptionsValuesAndRecordsThatLeaveAPartialFile() {
    assertThatThrownBy(() -> HdfsBenchSettings.parse(new String[] {"--rows", "5"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown option --rows")
        .hasMessageContaining("Usage: bench/run-hdfs-bench");
    assertThatThrownBy(() -> HdfsBenchSettings.parse(new String[] {"--records"}))
        .hasMessageContaining("Missing value after --records");
    assertThatThrownBy(() -> HdfsBenchSettings.parse(new String[] {"--records", "many"}))
        .hasMessageContaining("Invalid value many for --records");
    assertThatThrownBy(() -> HdfsBenchSettings.parse(new String[] {"--rounds", "0"}))
        .hasMessageContaining("must be at least 1");
    assertThatThrownBy(() -> HdfsBenchSettings.parse(new String[] {"--formats", "orc"}))
        .hasMessageContaining("Unknown value orc in --formats");
    assertThatThrownBy(() -> HdfsBenchSettings.parse(new String[] {"--file-systems", "s3a"}))
        .hasMessageContaining("Unknown value s3a in --file-systems");
    assertThatThrownBy(() -> HdfsBenchSettings.parse(new String[] {"--formats", ","}))
        .hasMessageContaining("--formats needs at least one");
    assertThatThrownBy(() -> HdfsBenchSettings.parse(new String[] {"--records", "150000"}))
        .hasMessageContaining("--records (150000) must be a multiple of --flush-size (100000)");
    assertThatThrownBy(() -> HdfsBenchSettings.parse(new String[] {"--help"}))
        .hasMessageStartingWith("Usage: bench/run-hdfs-bench");
  }

  @Test
  void sinkConfigUsesTheConnectorsKeys() {
    // When
    var config =
        HdfsSinkRuns.sinkConfig(
            "orders", URI.create("hdfs://127.0.0.1:9000/bench/r1"), "parquet", 1000, Path.of("/c"));

    // Then
    assertThat(config)
        .containsEntry("connector.class", "io.tributary.connect.hdfs.HdfsSinkConnector")
        .containsEntry("topics", "orders")
        .containsEntry("tasks.max", "1")
        .containsEntry("hdfs.url", "hdfs://127.0.0.1:9000/bench/r1")
        .containsEntry("format", "parquet")
        .containsEntry("flush.size", "1000")
        .containsEntry("hadoop.conf.dir", "/c");
  }

  @Test
  void workerReadsAvroValuesThroughTheRegistry() {
    // When
    String properties =
        HdfsBench.workerProperties(
            "127.0.0.1:9092", URI.create("http://127.0.0.1:8081"), 8083, Path.of("/w"));

    // Then
    assertThat(properties)
        .contains("bootstrap.servers=127.0.0.1:9092\n")
        .contains("listeners=http://127.0.0.1:8083\n")
        .contains("value.converter=io.tributary.registry.converter.AvroConverter\n")
        .contains("value.converter.schema.registry.url=http://127.0.0.1:8081\n")
        .contains("plugin.path=/w/plugins\n");
  }

  @Test
  void everyFormatRunsOnEveryFileSystem() {
    // Given
    HdfsBenchSettings settings =
        HdfsBenchSettings.parse(new String[] {"--formats", "avro,json", "--root", "/repo"});

    // When / Then
    assertThat(HdfsBench.cases(settings))
        .containsExactly(
            new HdfsResults.Case("avro", "file"),
            new HdfsResults.Case("avro", "hdfs"),
            new HdfsResults.Case("json", "file"),
            new HdfsResults.Case("json", "hdfs"));
    assertThat(List.of(new HdfsResults.Case("avro", "hdfs").label()))
        .containsExactly("avro on MiniDFSCluster");
  }
}
