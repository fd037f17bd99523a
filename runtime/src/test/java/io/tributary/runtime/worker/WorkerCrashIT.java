package io.tributary.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.testing.EmbeddedBroker;
import io.tributary.runtime.testing.TestingRestClient;
import io.tributary.runtime.testing.WorkerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker killed with SIGKILL mid-flight and started again resumes from its committed offsets: its
 * connectors come back from its connectors file, and every line reaches the sink.
 */
class WorkerCrashIT {
  @TempDir Path dir;

  static List<String> lines(int from, int count) {
    List<String> lines = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      lines.add("line-" + i + "-" + "x".repeat(40));
    }
    return lines;
  }

  static Map<String, Object> connector(String name, Map<String, String> config) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("config", config);
    return body;
  }

  @Test
  void aKilledWorkerResumesWithNothingLost() throws Exception {
    Path input = dir.resolve("in.txt");
    Path output = dir.resolve("out.txt");
    List<String> first = lines(0, 30_000);
    Files.write(input, first, StandardCharsets.UTF_8);
    try (EmbeddedBroker broker = EmbeddedBroker.start();
        WorkerProcess worker =
            WorkerProcess.start(
                dir.resolve("worker"),
                broker.bootstrapServers(),
                Map.of(
                    "plugin.path",
                    BaseFileStreamIT.PLUGINS.toString(),
                    "offset.flush.interval.ms",
                    "200",
                    "key.converter",
                    "org.apache.kafka.connect.storage.StringConverter",
                    "value.converter",
                    "org.apache.kafka.connect.storage.StringConverter"))) {
      // Given a running file -> topic -> file pipeline, created over REST
      TestingRestClient rest = new TestingRestClient(worker.restUrl());
      Map<String, String> source = new LinkedHashMap<>();
      source.put("connector.class", "FileStreamSource");
      source.put("file", input.toString());
      source.put("topic", "crash");
      source.put("batch.size", "100");
      Map<String, String> sink = new LinkedHashMap<>();
      sink.put("connector.class", "FileStreamSink");
      sink.put("file", output.toString());
      sink.put("topics", "crash");
      assertThat(rest.post("/connectors", connector("src", source)).status()).isEqualTo(201);
      assertThat(rest.post("/connectors", connector("snk", sink)).status()).isEqualTo(201);

      // When the worker is killed while lines are still moving
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> Files.exists(output) && Files.size(output) > 0);
      worker.kill();
      long linesAtKill = Files.readAllLines(output).size();
      List<String> second = lines(30_000, 5_000);
      Files.write(input, second, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

      // And started again on the same files
      worker.startAgain();

      // Then both connectors are back and every line reaches the sink
      Set<String> expected = new HashSet<>(first);
      expected.addAll(second);
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> new HashSet<>(Files.readAllLines(output)).containsAll(expected));
      assertThat(rest.get("/connectors").body()).hasSize(2);
      assertThat(linesAtKill).as("killed mid-flight").isLessThan(first.size());
    }
  }
}
