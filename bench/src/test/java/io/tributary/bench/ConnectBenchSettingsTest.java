package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectBenchSettingsTest {

  @Test
  void defaultsAreTheIssuesWorkloadOnBothWorkersAgainstBrokerCore() {
    ConnectBenchSettings settings = ConnectBenchSettings.parse(new String[] {"--root", "/repo"});

    assertThat(settings.lines()).isEqualTo(1_000_000);
    assertThat(settings.lineBytes()).isEqualTo(100);
    assertThat(settings.systems()).containsExactly("tributary", "kafka-connect");
    assertThat(settings.broker()).isEqualTo("broker-core");
    assertThat(settings.rounds()).isEqualTo(1);
    assertThat(settings.runtimeTarget()).isEqualTo(Path.of("/repo/runtime/target"));
    assertThat(settings.pluginPath()).isEqualTo(Path.of("/repo/bench/target/connect-plugins"));
    assertThat(settings.workDir()).isEqualTo(Path.of("/repo/bench/target/connect-bench"));
    assertThat(settings.pipeline()).isEqualTo("apache-file");
    assertThat(settings.tributaryFile()).isFalse();
  }

  @Test
  void pipelineTributaryFileRunsTributarysConnectorsOnItsWorker() {
    ConnectBenchSettings settings =
        ConnectBenchSettings.parse(new String[] {"--pipeline", "tributary-file"});

    assertThat(settings.pipeline()).isEqualTo("tributary-file");
    assertThat(settings.tributaryFile()).isTrue();
  }

  @Test
  void tributaryConnectorsGetTheFileConnectorsKeys() {
    // When
    Map<String, String> connectors =
        ConnectPipeline.tributaryConnectors(
            "tributary-r1",
            Path.of("/work/source.txt"),
            "connect-bench-tributary-r1",
            Path.of("/work/tributary-r1/sink"));

    // Then
    assertThat(connectors).containsOnlyKeys("tributary-r1-source", "tributary-r1-sink");
    assertThat(connectors.get("tributary-r1-source"))
        .contains("\"connector.class\": \"io.tributary.connect.file.FileSourceConnector\"")
        .contains("\"file.patterns\": \"/work/source.txt\"")
        .contains("\"topic\": \"connect-bench-tributary-r1\"")
        .contains("\"format\": \"raw\"")
        .contains("\"source.metadata\": \"none\"")
        .contains("\"batch.size\": \"10000\"")
        .contains("\"tasks.max\": \"1\"");
    assertThat(connectors.get("tributary-r1-sink"))
        .contains("\"connector.class\": \"io.tributary.connect.file.FileSinkConnector\"")
        .contains("\"topics\": \"connect-bench-tributary-r1\"")
        .contains("\"file.dir\": \"/work/tributary-r1/sink\"")
        .contains("\"format\": \"text\"")
        .contains("\"compression\": \"none\"")
        .contains("\"flush.size\": \"200000\"")
        .contains("\"rotate.interval.ms\": \"1000\"");
  }

  @Test
  void optionsOverrideTheDefaults() {
    ConnectBenchSettings settings =
        ConnectBenchSettings.parse(
            new String[] {
              "--lines",
              "200,000",
              "--rounds",
              "3",
              "--systems",
              "kafka-connect",
              "--broker",
              "kafka"
            });

    assertThat(settings.lines()).isEqualTo(200_000);
    assertThat(settings.rounds()).isEqualTo(3);
    assertThat(settings.systems()).containsExactly("kafka-connect");
    assertThat(settings.broker()).isEqualTo("kafka");
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> ConnectBenchSettings.parse(new String[] {"--systems", "flink"}))
        .hasMessageContaining("Unknown system 'flink' in --systems");
    assertThatThrownBy(() -> ConnectBenchSettings.parse(new String[] {"--lines", "many"}))
        .hasMessageContaining("Invalid value many for --lines");
    assertThatThrownBy(() -> ConnectBenchSettings.parse(new String[] {"--rounds"}))
        .hasMessageContaining("Missing value after --rounds");
    assertThatThrownBy(() -> ConnectBenchSettings.parse(new String[] {"--broker", "redpanda"}))
        .hasMessageContaining("Unknown broker 'redpanda' in --broker");
    assertThatThrownBy(() -> ConnectBenchSettings.parse(new String[] {"--pipeline", "flink"}))
        .hasMessageContaining("Unknown pipeline 'flink' in --pipeline");
  }

  @Test
  void bothWorkersGetKafkaConnectsWorkerKeysAndConnectorJson() {
    // Given
    ConnectBenchSettings settings =
        new ConnectBenchSettings(
            10,
            100,
            1,
            1,
            List.of("kafka-connect"),
            "broker-core",
            Duration.ofMinutes(1),
            Path.of("/repo"),
            Path.of("/repo/runtime/target"),
            Path.of("/repo/broker-core/target"),
            Path.of("/work"),
            "apache-file");
    ConnectPipeline pipeline =
        new ConnectPipeline(settings, new SourceFile(10, 100), Path.of("/work/source.txt"), 0);

    // When
    String properties = pipeline.workerProperties("127.0.0.1:9092", 8083, Path.of("/work/run"));
    String json =
        ConnectPipeline.connectorJson(
            "a \"quoted\" name", Map.of("file", "C:\\data\\in.txt", "topic", "t"));

    // Then
    assertThat(properties.lines())
        .containsExactly(
            "bootstrap.servers=127.0.0.1:9092",
            "listeners=http://127.0.0.1:8083",
            "plugin.path=/repo/bench/target/connect-plugins",
            "offset.storage.file.filename=/work/run/offsets.dat",
            "config.storage.file.filename=/work/run/connectors.json",
            "key.converter=org.apache.kafka.connect.storage.StringConverter",
            "value.converter=org.apache.kafka.connect.storage.StringConverter",
            "offset.flush.interval.ms=10000");
    assertThat(json)
        .isEqualTo(
            "{\n  \"name\": \"a \\\"quoted\\\" name\",\n  \"config\": {\n"
                + "    \"file\": \"C:\\\\data\\\\in.txt\",\n    \"topic\": \"t\"\n  }\n}\n");
  }
}
