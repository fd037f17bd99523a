package io.tributary.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A connector that asks for new task configs gets them: the worker regenerates them and replaces
 * the tasks; a config change over REST does the same.
 */
class TaskReconfigurationIT extends BaseFileStreamIT {
  @Test
  void requestTaskReconfigurationAddsTheTasksTheConnectorNowWants() {
    // Given a connector with room for 3 tasks that wants 1
    Map<String, String> config =
        Map.of("connector.class", GrowingSourceConnector.class.getName(), "tasks.max", "3");
    assertThat(rest.post("/connectors", connector("growing", config)).status()).isEqualTo(201);
    awaitTasks("growing", 1);

    // When it wants one more and asks the worker for a reconfiguration
    GrowingSourceConnector.RUNNING.get("growing").grow();

    // Then it gets two running tasks, with the configs it generated
    awaitTasks("growing", 2);
    JsonNode tasks = rest.get("/connectors/growing/tasks").body();
    assertThat(tasks.get(1).path("config").path("slot").asText()).isEqualTo("1");
    assertThat(tasks.get(1).path("config").path("task.class").asText())
        .isEqualTo(GrowingSourceConnector.IdleTask.class.getName());

    // When its config changes over REST to allow only one task
    Map<String, String> smaller =
        Map.of("connector.class", GrowingSourceConnector.class.getName(), "tasks.max", "1");
    assertThat(rest.put("/connectors/growing/config", smaller).status()).isEqualTo(200);

    // Then it runs with one task
    awaitTasks("growing", 1);
  }

  void awaitTasks(String name, int count) {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              JsonNode status = rest.get("/connectors/" + name + "/status").body();
              assertThat(status.path("tasks")).hasSize(count);
              for (JsonNode task : status.path("tasks")) {
                assertThat(task.path("state").asText()).isEqualTo("RUNNING");
              }
            });
  }
}
