package io.tributary.runtime.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.runtime.internal.rest.TestingRestClient.Answer;
import org.junit.jupiter.api.Test;

/** {@code /connector-plugins}: listing, config definitions and validation. */
class ConnectorPluginsRestTest extends BaseRestServerTest {

  @Test
  void listsConnectorsOnlyByDefaultAndLeavesOutUndefinedVersions() {
    Answer answer = rest.get("/connector-plugins");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json())
        .isEqualTo(
            TestingRestClient.json(
                "[{\"class\": \"org.example.DemoSinkConnector\", \"type\": \"sink\","
                    + " \"version\": \"1.0\"},"
                    + " {\"class\": \"org.example.DemoSourceConnector\", \"type\": \"source\"}]"));
    assertThat(herder.calls).contains("connectorPlugins(true)");
  }

  @Test
  void listsEveryPluginWithConnectorsOnlyFalse() {
    Answer answer = rest.get("/connector-plugins?connectorsOnly=false");

    assertThat(answer.json()).hasSize(3);
    assertThat(answer.json().get(2).get("type").asText()).isEqualTo("converter");
  }

  @Test
  void showsAPluginsConfigDefinition() {
    Answer answer = rest.get("/connector-plugins/DemoSource/config");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json())
        .isEqualTo(
            TestingRestClient.json(
                "[{\"name\": \"topic\", \"type\": \"STRING\", \"required\": false,"
                    + " \"default_value\": \"demo\", \"importance\": \"HIGH\","
                    + " \"documentation\": \"The topic to write to.\", \"group\": null,"
                    + " \"order\": -1, \"width\": \"NONE\", \"display_name\": \"topic\","
                    + " \"dependents\": []}]"));
  }

  @Test
  void unknownPluginConfigIs404() {
    assertError(rest.get("/connector-plugins/Nope/config"), 404, "Unknown plugin Nope");
  }

  @Test
  void validatesAConfigWithKafkaConnectsShape() {
    Answer answer =
        rest.send(
            "PUT",
            "/connector-plugins/DemoSourceConnector/config/validate",
            "{\"connector.class\": \"org.example.DemoSourceConnector\", \"tasks.max\": 1}");

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json())
        .isEqualTo(
            TestingRestClient.json(
                "{\"name\": \"org.example.DemoSourceConnector\", \"error_count\": 0,"
                    + " \"groups\": [\"Common\"], \"configs\": [{\"definition\": {"
                    + "\"name\": \"connector.class\", \"type\": \"STRING\", \"required\": true,"
                    + " \"default_value\": null, \"importance\": \"HIGH\","
                    + " \"documentation\": \"Name or alias of the class for this connector.\","
                    + " \"group\": \"Common\", \"order\": 2, \"width\": \"LONG\","
                    + " \"display_name\": \"Connector class\", \"dependents\": []},"
                    + " \"value\": {\"name\": \"connector.class\","
                    + " \"value\": \"org.example.DemoSourceConnector\","
                    + " \"recommended_values\": [], \"errors\": [], \"visible\": true}}]}"));
    assertThat(herder.calls)
        .contains(
            "validateConnectorConfig({connector.class=org.example.DemoSourceConnector,"
                + " tasks.max=1})");
  }

  @Test
  void validationErrorsAreCountedNotRefused() {
    Answer answer =
        rest.send("PUT", "/connector-plugins/DemoSource/config/validate", "{\"topic\": \"t\"}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("error_count").asInt()).isEqualTo(1);
    assertThat(answer.json().get("configs").get(0).get("value").get("errors").get(0).asText())
        .contains("connector.class");
  }

  @Test
  void aConnectorClassOfAnotherPluginIs400() {
    Answer answer =
        rest.send(
            "PUT",
            "/connector-plugins/DemoSinkConnector/config/validate",
            "{\"connector.class\": \"org.example.DemoSourceConnector\"}");

    assertError(
        answer,
        400,
        "Included connector type org.example.DemoSourceConnector does not match request type"
            + " DemoSinkConnector");
    assertThat(herder.calls).noneMatch(c -> c.startsWith("validateConnectorConfig"));
  }

  @Test
  void aPathAliasMatchesAFullClassNameButNotTheOtherWayRound() {
    assertThat(
            rest.send(
                    "PUT",
                    "/connector-plugins/DemoSource/config/validate",
                    "{\"connector.class\": \"org.example.DemoSourceConnector\"}")
                .status())
        .isEqualTo(200);
    assertThat(
            rest.send(
                    "PUT",
                    "/connector-plugins/org.example.DemoSourceConnector/config/validate",
                    "{\"connector.class\": \"DemoSource\"}")
                .status())
        .isEqualTo(400);
  }

  @Test
  void malformedValidateBodyIs400() {
    assertError(
        rest.send("PUT", "/connector-plugins/DemoSource/config/validate", "{\"a\": "),
        400,
        "Malformed JSON body");
  }
}
