package io.tributary.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.runtime.testing.TestingRestClient.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pause, resume, stop, restart and delete change what a running pipeline does, over REST. */
class ConnectorLifecycleIT extends BaseFileStreamIT {
  Path input;
  Path output;

  @BeforeEach
  void pipeline() throws Exception {
    input = dir.resolve("in.txt");
    output = dir.resolve("out.txt");
    append(input, lines("a", 0, 100));
    assertThat(rest.post("/connectors", connector("src", source(input, "t", "false"))).status())
        .isEqualTo(201);
    assertThat(rest.post("/connectors", connector("snk", sink(output, "t", "false"))).status())
        .isEqualTo(201);
    await().atMost(TIMEOUT).until(() -> read(output).size() == 100);
  }

  @Test
  void pauseHoldsDataBackAndResumeDeliversIt() throws Exception {
    // When the source is paused
    assertThat(rest.put("/connectors/src/pause", null).status()).isEqualTo(202);
    awaitState("src", "PAUSED");
    append(input, lines("b", 0, 50));

    // Then nothing new arrives while it is paused
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> read(output).size() == 100);

    // When resumed, the held-back lines arrive
    assertThat(rest.put("/connectors/src/resume", null).status()).isEqualTo(202);
    awaitState("src", "RUNNING");
    await().atMost(TIMEOUT).until(() -> read(output).size() == 150);
    assertThat(read(output).subList(100, 150)).containsExactlyElementsOf(lines("b", 0, 50));
  }

  @Test
  void stopRemovesTasksKeepsTheConfigAndResumeStartsAgain() throws Exception {
    // When the sink is stopped
    assertThat(rest.put("/connectors/snk/stop", null).status()).isEqualTo(204);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              JsonNode status = rest.get("/connectors/snk/status").body();
              assertThat(status.path("connector").path("state").asText()).isEqualTo("STOPPED");
              assertThat(status.path("tasks")).isEmpty();
            });
    assertThat(rest.get("/connectors/snk/tasks").body()).isEmpty();
    assertThat(rest.get("/connectors/snk/config").body().path("topics").asText()).isEqualTo("t");
    // its committed offsets are visible, in the sink shape
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              JsonNode offsets = rest.get("/connectors/snk/offsets").body().path("offsets");
              assertThat(offsets).hasSize(1);
              assertThat(offsets.get(0).path("partition").path("kafka_topic").asText())
                  .isEqualTo("t");
              assertThat(offsets.get(0).path("offset").path("kafka_offset").asLong())
                  .isEqualTo(100);
            });
    append(input, lines("c", 0, 10));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> read(output).size() == 100);

    // When resumed, it starts again from its committed offsets: nothing lost, nothing twice
    assertThat(rest.put("/connectors/snk/resume", null).status()).isEqualTo(202);
    awaitState("snk", "RUNNING");
    await().atMost(TIMEOUT).until(() -> read(output).size() == 110);
    assertThat(read(output).subList(100, 110)).containsExactlyElementsOf(lines("c", 0, 10));
  }

  @Test
  void restartAnswersAsKafkaConnectAndTheConnectorKeepsWorking() throws Exception {
    // Restart of the connector alone: 204, no body
    assertThat(rest.post("/connectors/src/restart", null).status()).isEqualTo(204);
    // Restart with its tasks: 202 and the status, instances marked RESTARTING
    Response restarted = rest.post("/connectors/src/restart?includeTasks=true", null);
    assertThat(restarted.status()).isEqualTo(202);
    assertThat(restarted.body().path("connector").path("state").asText()).isEqualTo("RESTARTING");
    assertThat(restarted.body().path("tasks").get(0).path("state").asText())
        .isEqualTo("RESTARTING");
    // Restart of one task: 204
    assertThat(rest.post("/connectors/src/tasks/0/restart", null).status()).isEqualTo(204);
    // onlyFailed with nothing failed restarts nothing: all stay RUNNING
    Response none = rest.post("/connectors/src/restart?includeTasks=true&onlyFailed=true", null);
    assertThat(none.status()).isEqualTo(202);
    awaitState("src", "RUNNING");

    // And the pipeline still moves new lines, without losing or repeating any
    append(input, lines("d", 0, 20));
    await().atMost(TIMEOUT).until(() -> read(output).size() >= 120);
    List<String> all = read(output);
    assertThat(all).hasSize(120).doesNotHaveDuplicates();
  }

  @Test
  void deleteStopsTheConnectorAndForgetsIt() throws Exception {
    // When the source is deleted
    assertThat(rest.delete("/connectors/src").status()).isEqualTo(204);

    // Then it is gone from every endpoint
    assertThat(rest.get("/connectors").body()).extracting(JsonNode::asText).containsExactly("snk");
    Response missing = rest.get("/connectors/src/status");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body().path("error_code").asInt()).isEqualTo(404);
    assertThat(missing.message()).contains("src");

    // And it copies nothing more
    append(input, lines("e", 0, 10));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> read(output).size() == 100);
  }
}
