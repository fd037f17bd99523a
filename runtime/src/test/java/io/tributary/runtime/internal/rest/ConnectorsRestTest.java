package io.tributary.runtime.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.runtime.internal.rest.TestingRestClient.Answer;
import io.tributary.runtime.internal.status.TargetState;
import org.junit.jupiter.api.Test;

/** {@code /connectors}: create, list, read, reconfigure, delete, and bad request bodies. */
class ConnectorsRestTest extends BaseRestServerTest {

  @Test
  void createsAConnectorWith201LocationAndItsInfo() {
    // when
    Answer created = rest.send("POST", "/connectors", connectorBody("demo", SOURCE_CONFIG));

    // then
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.header("Content-Type")).isEqualTo("application/json");
    assertThat(created.header("Location")).isEqualTo(server.url() + "/connectors/demo");
    assertThat(created.json())
        .isEqualTo(
            TestingRestClient.json(
                "{\"name\":\"demo\",\"config\":{\"connector.class\":\""
                    + RecordingHerder.SOURCE_CLASS
                    + "\",\"tasks.max\":\"2\",\"name\":\"demo\"},"
                    + "\"tasks\":[{\"connector\":\"demo\",\"task\":0},"
                    + "{\"connector\":\"demo\",\"task\":1}],\"type\":\"source\"}"));
    assertThat(herder.targetState("demo")).isEqualTo(TargetState.STARTED);
    assertThat(herder.calls)
        .anyMatch(c -> c.startsWith("putConnectorConfig(demo,") && c.endsWith(",STARTED,false)"));
  }

  @Test
  void createEncodesTheNameInTheLocation() {
    Answer created = rest.send("POST", "/connectors", connectorBody("my demo", SOURCE_CONFIG));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo(server.url() + "/connectors/my%20demo");
    assertThat(rest.get("/connectors/my%20demo").json().get("name").asText()).isEqualTo("my demo");
  }

  @Test
  void createTrimsTheNameAndHonoursInitialState() {
    Answer paused =
        rest.send(
            "POST",
            "/connectors",
            "{\"name\": \" p \", \"config\": "
                + SOURCE_CONFIG
                + ", \"initial_state\": \"PAUSED\"}");
    Answer stopped =
        rest.send(
            "POST",
            "/connectors",
            "{\"name\": \"s\", \"config\": " + SOURCE_CONFIG + ", \"initial_state\": \"stopped\"}");

    assertThat(paused.status()).isEqualTo(201);
    assertThat(herder.targetState("p")).isEqualTo(TargetState.PAUSED);
    assertThat(stopped.status()).isEqualTo(201);
    assertThat(herder.targetState("s")).isEqualTo(TargetState.STOPPED);
  }

  @Test
  void refusesAnUnknownInitialState() {
    Answer answer =
        rest.send(
            "POST",
            "/connectors",
            "{\"name\": \"x\", \"config\": " + SOURCE_CONFIG + ", \"initial_state\": \"ASLEEP\"}");

    assertError(answer, 400, "ASLEEP");
    assertThat(herder.connectors()).isEmpty();
  }

  @Test
  void duplicateCreateIs409AndLeavesTheFirstUnchanged() {
    rest.send("POST", "/connectors", connectorBody("demo", SOURCE_CONFIG));

    Answer again =
        rest.send(
            "POST",
            "/connectors",
            connectorBody("demo", "{\"connector.class\": \"" + RecordingHerder.SINK_CLASS + "\"}"));

    assertError(again, 409, "Connector demo already exists");
    assertThat(rest.get("/connectors/demo").json().get("type").asText()).isEqualTo("source");
  }

  @Test
  void missingOrBlankNameIs400() {
    assertError(
        rest.send("POST", "/connectors", "{\"config\": " + SOURCE_CONFIG + "}"), 400, "name");
    assertError(rest.send("POST", "/connectors", connectorBody("  ", SOURCE_CONFIG)), 400, "name");
    assertThat(herder.connectors()).isEmpty();
  }

  @Test
  void missingConfigIs400() {
    assertError(rest.send("POST", "/connectors", "{\"name\": \"demo\"}"), 400, "\"config\"");
  }

  @Test
  void nameInConfigMustMatch() {
    Answer answer =
        rest.send(
            "POST",
            "/connectors",
            connectorBody(
                "demo",
                "{\"connector.class\": \""
                    + RecordingHerder.SOURCE_CLASS
                    + "\", \"name\": \"other\"}"));

    assertError(answer, 400, "(other) doesn't match connector name in the URL (demo)");
  }

  @Test
  void malformedJsonIs400WithLineAndColumn() {
    Answer answer = rest.send("POST", "/connectors", "{\"name\": \"demo\",\n \"config\": {,}}");

    assertError(answer, 400, "Malformed JSON body");
    assertThat(answer.json().get("message").asText()).contains("line 2, column");
    assertThat(herder.calls).noneMatch(c -> c.startsWith("putConnectorConfig"));
  }

  @Test
  void anArrayBodyIs400() {
    assertError(rest.send("POST", "/connectors", "[1, 2]"), 400, "Invalid JSON body");
    assertError(rest.send("PUT", "/connectors/demo/config", "[]"), 400, "Invalid JSON body");
  }

  @Test
  void anObjectAsAConfigValueIs400NamingTheKey() {
    Answer answer =
        rest.send(
            "POST",
            "/connectors",
            connectorBody("demo", "{\"connector.class\": \"x.SourceC\", \"topic\": {\"a\": 1}}"));

    assertError(answer, 400, "config.topic");
  }

  @Test
  void aNullConfigValueIs400NamingTheKey() {
    Answer answer =
        rest.send(
            "POST",
            "/connectors",
            connectorBody("demo", "{\"connector.class\": \"x.SourceC\", \"topic\": null}"));

    assertError(answer, 400, "'topic'");
  }

  @Test
  void numbersAndBooleansInAConfigBecomeStrings() {
    Answer answer =
        rest.send(
            "POST",
            "/connectors",
            connectorBody(
                "demo",
                "{\"connector.class\": \""
                    + RecordingHerder.SOURCE_CLASS
                    + "\", \"tasks.max\": 3, \"flag\": true, \"ratio\": 1.50}"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    JsonNode config = answer.json().get("config");
    assertThat(config.get("tasks.max").isTextual()).isTrue();
    assertThat(config.get("tasks.max").asText()).isEqualTo("3");
    assertThat(config.get("flag").asText()).isEqualTo("true");
    assertThat(config.get("ratio").asText()).isEqualTo("1.50");
  }

  @Test
  void unknownFieldsAndEmptyBodiesAre400() {
    assertError(
        rest.send("POST", "/connectors", "{\"name\": \"d\", \"config\": {}, \"extra\": 1}"),
        400,
        "extra");
    assertError(rest.send("POST", "/connectors", ""), 400, "body");
    assertError(rest.send("POST", "/connectors", "null"), 400, "body");
  }

  @Test
  void herderValidationErrorsAre400() {
    Answer answer = rest.send("POST", "/connectors", connectorBody("demo", "{\"topic\": \"t\"}"));

    assertError(answer, 400, "connector.class");
  }

  @Test
  void listsNamesAndExpansions() {
    rest.send("POST", "/connectors", connectorBody("b", SOURCE_CONFIG));
    rest.send("POST", "/connectors", connectorBody("a", SOURCE_CONFIG));

    Answer names = rest.get("/connectors");
    Answer status = rest.get("/connectors?expand=status");
    Answer both = rest.get("/connectors?expand=status&expand=info");
    Answer unknown = rest.get("/connectors?expand=nonsense");

    assertThat(names.json()).isEqualTo(TestingRestClient.json("[\"a\", \"b\"]"));
    assertThat(status.json().get("a").get("status").get("connector").get("state").asText())
        .isEqualTo("RUNNING");
    assertThat(status.json().get("a").has("info")).isFalse();
    assertThat(both.json().get("b").get("info").get("name").asText()).isEqualTo("b");
    assertThat(both.json().get("b").get("status").get("name").asText()).isEqualTo("b");
    assertThat(unknown.json()).isEqualTo(TestingRestClient.json("{\"a\": {}, \"b\": {}}"));
  }

  @Test
  void emptyListIsAnEmptyArray() {
    assertThat(rest.get("/connectors").json()).isEqualTo(TestingRestClient.json("[]"));
    assertThat(rest.get("/connectors/").json()).isEqualTo(TestingRestClient.json("[]"));
  }

  @Test
  void unknownConnectorIs404Everywhere() {
    assertError(rest.get("/connectors/nope"), 404, "Connector nope not found");
    assertError(rest.get("/connectors/nope/config"), 404, "nope");
    assertError(rest.get("/connectors/nope/status"), 404, "nope");
    assertError(rest.get("/connectors/nope/tasks"), 404, "nope");
    assertError(rest.send("DELETE", "/connectors/nope", null), 404, "nope");
    assertError(rest.send("PUT", "/connectors/nope/pause", null), 404, "nope");
  }

  @Test
  void putConfigCreatesWith201ThenUpdatesWith200() {
    Answer created = rest.send("PUT", "/connectors/demo/config", SOURCE_CONFIG);
    Answer updated =
        rest.send(
            "PUT",
            "/connectors/demo/config",
            "{\"connector.class\": \""
                + RecordingHerder.SOURCE_CLASS
                + "\", \"tasks.max\": \"1\"}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo(server.url() + "/connectors/demo");
    assertThat(created.json().get("config").get("name").asText()).isEqualTo("demo");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.header("Location")).isNull();
    assertThat(updated.json().get("tasks")).hasSize(1);
    assertThat(herder.calls).anyMatch(c -> c.endsWith(",true)"));
  }

  @Test
  void putConfigWithAnotherNameIs400() {
    Answer answer =
        rest.send(
            "PUT",
            "/connectors/demo/config",
            "{\"connector.class\": \"" + RecordingHerder.SOURCE_CLASS + "\", \"name\": \"x\"}");

    assertError(answer, 400, "doesn't match");
    assertThat(herder.connectors()).isEmpty();
  }

  @Test
  void getsConfigAndPatchesIt() {
    rest.send("POST", "/connectors", connectorBody("demo", SOURCE_CONFIG));

    Answer patched =
        rest.send("PATCH", "/connectors/demo/config", "{\"tasks.max\": \"1\", \"extra\": \"e\"}");
    Answer removed = rest.send("PATCH", "/connectors/demo/config", "{\"extra\": null}");
    Answer config = rest.get("/connectors/demo/config");

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().get("config").get("extra").asText()).isEqualTo("e");
    assertThat(removed.status()).isEqualTo(200);
    assertThat(config.json())
        .isEqualTo(
            TestingRestClient.json(
                "{\"connector.class\": \""
                    + RecordingHerder.SOURCE_CLASS
                    + "\", \"tasks.max\": \"1\", \"name\": \"demo\"}"));
  }

  @Test
  void deleteIs204AndTheConnectorIsGone() {
    rest.send("POST", "/connectors", connectorBody("demo", SOURCE_CONFIG));

    Answer deleted = rest.send("DELETE", "/connectors/demo", null);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertError(rest.get("/connectors/demo"), 404, "demo");
  }

  @Test
  void listsTaskConfigs() {
    rest.send("POST", "/connectors", connectorBody("demo", SOURCE_CONFIG));

    Answer tasks = rest.get("/connectors/demo/tasks");

    assertThat(tasks.status()).isEqualTo(200);
    assertThat(tasks.json()).hasSize(2);
    assertThat(tasks.json().get(1))
        .isEqualTo(
            TestingRestClient.json(
                "{\"id\": {\"connector\": \"demo\", \"task\": 1},"
                    + " \"config\": {\"task.class\": \"org.example.DemoTask\", \"index\": \"demo-1\"}}"));
  }
}
