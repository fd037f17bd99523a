package io.tributary.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.runtime.testing.TestingRestClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input over REST gets Kafka Connect's status code and a message naming what is wrong, and
 * leaves nothing half-created.
 */
class RestInputErrorsIT extends BaseFileStreamIT {

  void assertNoConnectors() {
    assertThat(rest.get("/connectors").body()).isEmpty();
  }

  static void assertError(Response response, int status, String... fragments) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.body().path("error_code").asInt()).isEqualTo(status);
    assertThat(response.message()).isNotBlank();
    for (String fragment : fragments) {
      assertThat(response.message()).contains(fragment);
    }
  }

  @Test
  void malformedJsonIsA400() {
    assertError(rest.post("/connectors", "{\"name\": \"x\", \"config\": {"), 400);
    assertError(rest.post("/connectors", "[1, 2]"), 400);
    assertNoConnectors();
  }

  @Test
  void anUnknownConnectorClassIsA400NamingTheClass() {
    Response response =
        rest.post(
            "/connectors",
            connector("x", Map.of("connector.class", "com.example.NoSuchConnector")));
    assertError(response, 400, "connector.class", "com.example.NoSuchConnector");
    assertNoConnectors();
  }

  @Test
  void aMissingRequiredKeyIsA400NamingTheKey() {
    // FileStreamSink needs topics (or topics.regex)
    Map<String, String> sink = sink(dir.resolve("o.txt"), "t", "false");
    sink.remove("topics");
    assertError(rest.post("/connectors", connector("x", sink)), 400, "topics");
    assertNoConnectors();
  }

  @Test
  void aValueOfTheWrongTypeIsA400NamingTheKey() {
    Map<String, String> source = source(dir.resolve("i.txt"), "t", "false");
    source.put("tasks.max", "many");
    assertError(rest.post("/connectors", connector("x", source)), 400, "tasks.max", "many");
    assertNoConnectors();
  }

  @Test
  void anUnknownTransformIsA400NamingIt() {
    Map<String, String> source = source(dir.resolve("i.txt"), "t", "false");
    source.put("transforms", "nope");
    source.put("transforms.nope.type", "com.example.NoSuchTransform");
    assertError(rest.post("/connectors", connector("x", source)), 400, "transforms.nope.type");
    assertNoConnectors();
  }

  @Test
  void aDuplicateNameIsA409AndTheFirstConnectorIsUntouched() {
    Map<String, String> source = source(dir.resolve("i.txt"), "t", "false");
    assertThat(rest.post("/connectors", connector("dup", source)).status()).isEqualTo(201);
    Map<String, String> other = source(dir.resolve("other.txt"), "t2", "false");
    assertError(rest.post("/connectors", connector("dup", other)), 409, "dup");
    assertThat(rest.get("/connectors/dup/config").body().path("topic").asText()).isEqualTo("t");
  }

  @Test
  void anUnknownConnectorIsA404() {
    assertError(rest.get("/connectors/ghost"), 404, "ghost");
    assertError(rest.put("/connectors/ghost/pause", null), 404, "ghost");
    assertError(rest.delete("/connectors/ghost"), 404, "ghost");
  }

  @Test
  void validateListsEveryErrorPerKeyWithoutCreatingAnything() {
    Map<String, String> source = source(dir.resolve("i.txt"), "t", "false");
    source.remove("topic");
    source.put("tasks.max", "0");
    Response response =
        rest.put("/connector-plugins/FileStreamSourceConnector/config/validate", source);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().path("error_count").asInt()).isGreaterThanOrEqualTo(2);
    JsonNode tasksMax = null;
    JsonNode topic = null;
    for (JsonNode config : response.body().path("configs")) {
      String name = config.path("value").path("name").asText();
      if (name.equals("tasks.max")) {
        tasksMax = config;
      } else if (name.equals("topic")) {
        topic = config;
      }
    }
    assertThat(tasksMax).isNotNull();
    assertThat(tasksMax.path("value").path("errors")).isNotEmpty();
    assertThat(topic).isNotNull();
    assertThat(topic.path("value").path("errors")).isNotEmpty();
    assertNoConnectors();
  }

  @Test
  void passwordValuesAreNeverEchoed() {
    // A password-type producer override (ssl.key.password is a PASSWORD in ProducerConfig)
    Map<String, String> source = source(dir.resolve("i.txt"), "t", "false");
    source.put("producer.override.ssl.key.password", "s3cret");
    Response created = rest.post("/connectors", connector("pw", source));
    assertThat(created.text()).doesNotContain("s3cret");
    assertThat(rest.get("/connectors/pw/config").text()).doesNotContain("s3cret");
    assertThat(rest.get("/connectors/pw").text()).doesNotContain("s3cret");
  }
}
