package io.tributary.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.runtime.testing.ApacheKafkaProcess;
import io.tributary.runtime.testing.EmbeddedWorker;
import io.tributary.runtime.testing.TestingRestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same worker, unchanged but for bootstrap.servers, runs the FileStream pipeline against a real
 * Apache Kafka broker started from the Maven jars.
 */
class ApacheKafkaPipelineIT {
  @TempDir Path dir;

  @Test
  void theFileStreamPipelineRunsAgainstApacheKafka() throws Exception {
    Path input = dir.resolve("in.txt");
    Path output = dir.resolve("out.txt");
    List<String> lines = BaseFileStreamIT.lines("kafka", 0, 2000);
    Files.write(input, lines, StandardCharsets.UTF_8);
    try (ApacheKafkaProcess kafka = ApacheKafkaProcess.start(dir.resolve("kafka"));
        EmbeddedWorker worker =
            EmbeddedWorker.start(
                kafka.bootstrapServers(),
                dir.resolve("worker"),
                Map.of("plugin.path", BaseFileStreamIT.PLUGINS.toString()))) {
      TestingRestClient rest = new TestingRestClient(worker.restUrl());
      assertThat(
              rest.post(
                      "/connectors",
                      BaseFileStreamIT.connector(
                          "src",
                          Map.of(
                              "connector.class", "FileStreamSource",
                              "file", input.toString(),
                              "topic", "on-kafka",
                              "value.converter", "org.apache.kafka.connect.json.JsonConverter")))
                  .status())
          .isEqualTo(201);
      assertThat(
              rest.post(
                      "/connectors",
                      BaseFileStreamIT.connector(
                          "snk",
                          Map.of(
                              "connector.class", "FileStreamSink",
                              "file", output.toString(),
                              "topics", "on-kafka",
                              "value.converter", "org.apache.kafka.connect.json.JsonConverter")))
                  .status())
          .isEqualTo(201);

      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> Files.exists(output) && Files.readAllLines(output).size() >= lines.size());
      assertThat(Files.readAllLines(output)).containsExactlyElementsOf(lines);
      assertThat(rest.get("/").body().path("kafka_cluster_id").asText()).isNotBlank();
    }
  }
}
