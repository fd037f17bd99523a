package io.tributary.runtime.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.runtime.internal.herder.ConnectorOffset;
import io.tributary.runtime.internal.rest.TestingRestClient.Answer;
import io.tributary.runtime.internal.status.TargetState;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Statuses, restarts, pause / resume / stop, topics and offsets of a connector. */
class ConnectorStateRestTest extends BaseRestServerTest {

  @BeforeEach
  void createConnector() {
    herder.add(
        "demo",
        Map.of("connector.class", RecordingHerder.SOURCE_CLASS, "tasks.max", "2", "name", "demo"),
        null);
  }

  @Test
  void statusHasKafkaConnectsShapeWithoutTraceWhenHealthy() {
    Answer status = rest.get("/connectors/demo/status");

    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json())
        .isEqualTo(
            TestingRestClient.json(
                "{\"name\":\"demo\","
                    + "\"connector\":{\"state\":\"RUNNING\",\"worker_id\":\"127.0.0.1:8083\"},"
                    + "\"tasks\":[{\"id\":0,\"state\":\"RUNNING\",\"worker_id\":\"127.0.0.1:8083\"},"
                    + "{\"id\":1,\"state\":\"RUNNING\",\"worker_id\":\"127.0.0.1:8083\"}],"
                    + "\"type\":\"source\"}"));
  }

  @Test
  void failedTaskShowsItsTrace() {
    herder.add(
        "broken",
        Map.of("connector.class", RecordingHerder.SINK_CLASS, "name", "broken"),
        "org.example.Boom: failed\n\tat Demo.put");

    Answer status = rest.get("/connectors/broken/status");
    Answer task = rest.get("/connectors/broken/tasks/0/status");

    assertThat(status.json().get("type").asText()).isEqualTo("sink");
    assertThat(status.json().get("tasks").get(0).get("state").asText()).isEqualTo("FAILED");
    assertThat(status.json().get("tasks").get(0).get("trace").asText()).contains("Boom");
    assertThat(status.json().get("connector").has("trace")).isFalse();
    assertThat(task.json())
        .isEqualTo(
            TestingRestClient.json(
                "{\"id\":0,\"state\":\"FAILED\",\"worker_id\":\"127.0.0.1:8083\","
                    + "\"trace\":\"org.example.Boom: failed\\n\\tat Demo.put\"}"));
  }

  @Test
  void taskStatusOfUnknownTasksIs404() {
    assertError(rest.get("/connectors/demo/tasks/7/status"), 404, "demo-7");
    assertError(rest.get("/connectors/demo/tasks/x/status"), 404, "'x'");
    assertError(rest.get("/connectors/demo/tasks/-1/status"), 404, "-1");
    assertError(rest.get("/connectors/nope/tasks/0/status"), 404, "nope");
  }

  @Test
  void restartWithoutFlagsIs204WithNoBody() {
    Answer answer = rest.send("POST", "/connectors/demo/restart", null);

    assertThat(answer.status()).isEqualTo(204);
    assertThat(answer.body()).isEmpty();
    assertThat(herder.calls).contains("restartConnector(demo,false,false)");
  }

  @Test
  void restartWithTasksOrOnlyFailedIs202WithTheStatus() {
    Answer withTasks = rest.send("POST", "/connectors/demo/restart?includeTasks=true", null);
    Answer onlyFailed = rest.send("POST", "/connectors/demo/restart?onlyFailed=TRUE", null);
    Answer both =
        rest.send("POST", "/connectors/demo/restart?includeTasks=true&onlyFailed=true", null);
    Answer explicitFalse =
        rest.send("POST", "/connectors/demo/restart?includeTasks=false&onlyFailed=false", null);

    assertThat(withTasks.status()).isEqualTo(202);
    assertThat(withTasks.json().get("connector").get("state").asText()).isEqualTo("RESTARTING");
    assertThat(withTasks.json().get("tasks")).hasSize(2);
    assertThat(onlyFailed.status()).isEqualTo(202);
    assertThat(both.status()).isEqualTo(202);
    assertThat(explicitFalse.status()).isEqualTo(204);
    assertThat(herder.calls)
        .containsSubsequence(
            "restartConnector(demo,true,false)",
            "restartConnector(demo,false,true)",
            "restartConnector(demo,true,true)",
            "restartConnector(demo,false,false)");
  }

  @Test
  void restartOfUnknownConnectorIs404() {
    assertError(rest.send("POST", "/connectors/nope/restart?includeTasks=true", null), 404, "nope");
    assertError(rest.send("POST", "/connectors/nope/restart", null), 404, "nope");
  }

  @Test
  void taskRestartIs204() {
    Answer answer = rest.send("POST", "/connectors/demo/tasks/1/restart", null);

    assertThat(answer.status()).isEqualTo(204);
    assertThat(herder.calls).contains("restartTask(demo-1)");
    assertError(rest.send("POST", "/connectors/demo/tasks/5/restart", null), 404, "demo-5");
  }

  @Test
  void pauseAndResumeAre202AndStopIs204() {
    Answer pause = rest.send("PUT", "/connectors/demo/pause", null);
    TargetState paused = herder.targetState("demo");
    Answer resume = rest.send("PUT", "/connectors/demo/resume", null);
    TargetState resumed = herder.targetState("demo");
    Answer stop = rest.send("PUT", "/connectors/demo/stop", null);

    assertThat(pause.status()).isEqualTo(202);
    assertThat(pause.body()).isEmpty();
    assertThat(paused).isEqualTo(TargetState.PAUSED);
    assertThat(resume.status()).isEqualTo(202);
    assertThat(resumed).isEqualTo(TargetState.STARTED);
    assertThat(stop.status()).isEqualTo(204);
    assertThat(herder.targetState("demo")).isEqualTo(TargetState.STOPPED);
    assertThat(rest.get("/connectors/demo").json().get("tasks")).isEmpty();
  }

  @Test
  void topicsAreKeyedByConnectorAndResetIs202() {
    herder.addTopic("demo", "b-topic");
    herder.addTopic("demo", "a-topic");

    Answer topics = rest.get("/connectors/demo/topics");
    Answer reset = rest.send("PUT", "/connectors/demo/topics/reset", null);
    Answer after = rest.get("/connectors/demo/topics");

    assertThat(topics.json())
        .isEqualTo(TestingRestClient.json("{\"demo\": {\"topics\": [\"a-topic\", \"b-topic\"]}}"));
    assertThat(reset.status()).isEqualTo(202);
    assertThat(reset.body()).isEmpty();
    assertThat(after.json()).isEqualTo(TestingRestClient.json("{\"demo\": {\"topics\": []}}"));
  }

  @Test
  void getsOffsets() {
    herder.addOffset(
        "demo", new ConnectorOffset(Map.of("filename", "/tmp/in.txt"), Map.of("position", 42)));

    Answer offsets = rest.get("/connectors/demo/offsets");

    assertThat(offsets.status()).isEqualTo(200);
    assertThat(offsets.json())
        .isEqualTo(
            TestingRestClient.json(
                "{\"offsets\": [{\"partition\": {\"filename\": \"/tmp/in.txt\"},"
                    + " \"offset\": {\"position\": 42}}]}"));
  }

  @Test
  void alteringOffsetsOfARunningConnectorIs409() {
    Answer answer =
        rest.send(
            "PATCH",
            "/connectors/demo/offsets",
            "{\"offsets\": [{\"partition\": {\"f\": \"x\"}, \"offset\": {\"position\": 1}}]}");

    assertError(answer, 409, "STOPPED");
  }

  @Test
  void altersAndResetsOffsetsOfAStoppedConnector() {
    rest.send("PUT", "/connectors/demo/stop", null);

    Answer altered =
        rest.send(
            "PATCH",
            "/connectors/demo/offsets",
            "{\"offsets\": [{\"partition\": {\"f\": \"x\"}, \"offset\": {\"position\": 7}},"
                + " {\"partition\": {\"f\": \"y\"}, \"offset\": null}]}");
    Answer after = rest.get("/connectors/demo/offsets");
    Answer reset = rest.send("DELETE", "/connectors/demo/offsets", null);

    assertThat(altered.status()).isEqualTo(200);
    assertThat(altered.json())
        .isEqualTo(
            TestingRestClient.json(
                "{\"message\": \"The offsets for this connector have been altered successfully\"}"));
    assertThat(after.json().get("offsets")).hasSize(2);
    assertThat(after.json().get("offsets").get(1).get("offset").isNull()).isTrue();
    assertThat(reset.status()).isEqualTo(200);
    assertThat(reset.json().get("message").asText()).contains("reset successfully");
    assertThat(rest.get("/connectors/demo/offsets").json().get("offsets")).isEmpty();
  }

  @Test
  void alterWithoutOffsetsOrPartitionIs400() {
    rest.send("PUT", "/connectors/demo/stop", null);

    assertError(rest.send("PATCH", "/connectors/demo/offsets", "{}"), 400, "Partitions / offsets");
    assertError(
        rest.send("PATCH", "/connectors/demo/offsets", "{\"offsets\": []}"), 400, "Partitions");
    assertError(
        rest.send("PATCH", "/connectors/demo/offsets", "{\"offsets\": [{\"offset\": {}}]}"),
        400,
        "\"partition\"");
    assertError(rest.send("PATCH", "/connectors/demo/offsets", "{\"offsets\": 3}"), 400, "offsets");
    assertThat(herder.calls).noneMatch(c -> c.startsWith("alterConnectorOffsets"));
  }
}
