package io.tributary.runtime.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.runtime.internal.rest.TestingRestClient.Answer;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real {@link RestServer} on a free loopback port over a {@link RecordingHerder}. */
abstract class BaseRestServerTest {
  private static final Logger LOGGER = LoggerFactory.getLogger(BaseRestServerTest.class);

  protected RecordingHerder herder;
  protected RestServer server;
  protected TestingRestClient rest;

  @BeforeEach
  void startServer() {
    herder = new RecordingHerder();
    server = new RestServer(URI.create("http://127.0.0.1:0"), LoggerLevels.ofSlf4j());
    long started = System.nanoTime();
    URI url = server.start();
    LOGGER.info("RestServer started in {} ms", (System.nanoTime() - started) / 1_000_000);
    server.attach(herder);
    rest = new TestingRestClient(url);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** Asserts Kafka Connect's error body with the response's status as error_code. */
  static void assertError(Answer answer, int status, String messagePart) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).isEqualTo("application/json");
    assertThat(answer.json().get("error_code").asInt()).isEqualTo(status);
    assertThat(answer.json().get("message").asText()).contains(messagePart);
    assertThat(answer.json().size()).isEqualTo(2);
  }

  static String connectorBody(String name, String config) {
    return "{\"name\": \"" + name + "\", \"config\": " + config + "}";
  }

  static final String SOURCE_CONFIG =
      "{\"connector.class\": \"" + RecordingHerder.SOURCE_CLASS + "\", \"tasks.max\": \"2\"}";
}
